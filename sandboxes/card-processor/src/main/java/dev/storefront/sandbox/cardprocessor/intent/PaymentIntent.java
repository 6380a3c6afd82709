package dev.storefront.sandbox.cardprocessor.intent;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A payment intent as the API shows it: an immutable snapshot; {@link IntentStore} holds the live
 * one.
 */
@JsonPropertyOrder({
  "id",
  "object",
  "status",
  "amount",
  "currency",
  "reference",
  "created",
  "failure_code"
})
public record PaymentIntent(
    String id,
    String object,
    IntentStatus status,
    String amount,
    String currency,
    String reference,
    long created,
    @JsonProperty("failure_code") String failureCode) {

  static PaymentIntent processing(String id, CreateIntentRequest request, long createdEpochSecond) {
    return new PaymentIntent(
        id,
        "payment_intent",
        IntentStatus.processing,
        request.amount(),
        request.currency(),
        request.reference(),
        createdEpochSecond,
        null);
  }

  PaymentIntent withStatus(IntentStatus next, String failure) {
    return new PaymentIntent(id, object, next, amount, currency, reference, created, failure);
  }
}
