package dev.storefront.sandbox.cardprocessor.intent;

/**
 * An intent reached a final state (or was voided); published for the webhook sender, which keeps
 * this package free of any knowledge of how merchants are told.
 */
public record IntentEvent(String type, PaymentIntent intent) {

  static IntentEvent decided(PaymentIntent intent) {
    return new IntentEvent(
        intent.status() == IntentStatus.failed
            ? "payment_intent.payment_failed"
            : "payment_intent.succeeded",
        intent);
  }

  static IntentEvent canceled(PaymentIntent intent) {
    return new IntentEvent("payment_intent.canceled", intent);
  }
}
