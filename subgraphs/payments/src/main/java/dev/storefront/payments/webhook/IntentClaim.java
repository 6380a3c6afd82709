package dev.storefront.payments.webhook;

import java.math.BigDecimal;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * What a webhook says about one intent: whose order it is for, its id, amount and currency. A
 * signature only proves the processor sent it, not that it is about the payment it names.
 */
record IntentClaim(UUID orderId, String intentId, String amount, String currency) {

  // The processor's ids and amounts are short; longer values are cut before they are stored.
  private static final int STORED_LENGTH = 200;

  static IntentClaim from(UUID orderId, JsonNode intent) {
    return new IntentClaim(
        orderId,
        intent.path("id").asString(null),
        intent.path("amount").asString(null),
        intent.path("currency").asString(null));
  }

  /** Null when this is the payment's own intent, amount and currency; else why not. */
  String mismatchWith(String paymentIntentId, BigDecimal paymentAmount, String paymentCurrency) {
    if (intentId == null || !intentId.equals(paymentIntentId)) {
      return "intent is not the payment's own";
    }
    if (!sameAmount(paymentAmount)) {
      return "amount differs from the payment's";
    }
    if (currency == null || !currency.equals(paymentCurrency)) {
      return "currency differs from the payment's";
    }
    return null;
  }

  private boolean sameAmount(BigDecimal paymentAmount) {
    // Only plain decimals: a huge exponent would cost BigDecimal a lot to compare.
    if (amount == null || amount.length() > 20 || !amount.matches("\\d+(\\.\\d+)?")) {
      return false;
    }
    return new BigDecimal(amount).compareTo(paymentAmount) == 0;
  }

  static String stored(String value) {
    return value == null || value.length() <= STORED_LENGTH
        ? value
        : value.substring(0, STORED_LENGTH);
  }
}
