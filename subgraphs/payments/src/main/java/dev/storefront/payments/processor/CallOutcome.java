package dev.storefront.payments.processor;

import io.github.resilience4j.bulkhead.BulkheadFullException;

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
        && !(failure instanceof BulkheadFullException);
  }

  /** The payment's failure reason when the call {@link #certainlyNotProcessed()}. */
  public String failureReason() {
    return failure instanceof ProcessorCallException p
            && p.kind() == ProcessorCallException.Kind.REJECTED
        ? "processor_rejected"
        : "processor_unavailable";
  }
}
