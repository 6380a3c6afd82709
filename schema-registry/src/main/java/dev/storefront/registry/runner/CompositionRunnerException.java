package dev.storefront.registry.runner;

/** The runner itself failed (not the schemas it was given): a server-side fault. */
public class CompositionRunnerException extends RuntimeException {
  public CompositionRunnerException(String message) {
    super(message);
  }
}
