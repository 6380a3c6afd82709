package dev.storefront.payments.processor;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The processor's payment intent: {@code processing}, then {@code succeeded}, {@code failed} or
 * {@code canceled}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PaymentIntent(
    String id,
    String status,
    String amount,
    String currency,
    String reference,
    @JsonProperty("failure_code") String failureCode) {

  public boolean succeeded() {
    return "succeeded".equals(status);
  }

  public boolean failed() {
    return "failed".equals(status) || "canceled".equals(status);
  }
}
