package dev.storefront.payments.processor;

/**
 * What a (retried) call achieved: the intent, or why not, and whether any attempt may have reached
 * the processor (then only asking again with the same idempotency key can tell what happened).
 */
public record CallOutcome(
    PaymentIntent intent, Throwable failure, boolean mayHaveReachedProcessor) {

  public boolean answered() {
    return intent != null;
  }

  /** Certainly not processed and not worth retrying later: the payment can fail now. */
  public boolean certainlyNotProcessed() {
    return intent == null
        && !mayHaveReachedProcessor
        && !(failure instanceof io.github.resilience4j.bulkhead.BulkheadFullException);
  }
}
