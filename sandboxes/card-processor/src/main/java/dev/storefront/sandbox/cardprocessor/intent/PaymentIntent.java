package dev.storefront.sandbox.cardprocessor.intent;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A payment intent as the API shows it (a snapshot; the store holds the live state). */
public record PaymentIntent(
    String id,
    String object,
    IntentStatus status,
    String amount,
    String currency,
    String reference,
    long created,
    @JsonProperty("failure_code") String failureCode) {

  PaymentIntent withStatus(IntentStatus next, String failure) {
    return new PaymentIntent(id, object, next, amount, currency, reference, created, failure);
  }
}
