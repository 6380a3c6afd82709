package dev.storefront.payments.processor;

/**
 * A call to the card processor that did not give an answer. {@link #reachedProcessor} says whether
 * the processor may have acted on it (an HTTP 500 or a timeout) or certainly did not (refused
 * connection, 503 "unavailable", a 4xx rejection).
 */
public class ProcessorCallException extends RuntimeException {

  public enum Kind {
    /** Not processed and worth retrying: 503 or no connection. */
    UNAVAILABLE,
    /** Not processed, never will be: the request itself was refused (4xx). */
    REJECTED,
    /** Maybe processed: 500 or no answer in time. */
    OUTCOME_UNKNOWN
  }

  private final Kind kind;

  public ProcessorCallException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public boolean reachedProcessor() {
    return kind == Kind.OUTCOME_UNKNOWN;
  }
}
