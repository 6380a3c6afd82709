package dev.storefront.events;

/** A record that is not a readable event of a known type: retrying cannot help. */
public class MalformedEventException extends RuntimeException {

  public MalformedEventException(String message, Throwable cause) {
    super(message, cause);
  }

  public MalformedEventException(String message) {
    super(message);
  }
}
