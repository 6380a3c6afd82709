package dev.storefront.messaging.consumer;

/**
 * An event that can never be handled (malformed, or contradicting what this service knows):
 * retrying cannot help, so it goes straight to the dead-letter stream.
 */
public class PoisonEventException extends RuntimeException {

  public PoisonEventException(String message) {
    super(message);
  }
}
