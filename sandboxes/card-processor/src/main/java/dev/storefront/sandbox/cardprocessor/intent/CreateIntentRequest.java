package dev.storefront.sandbox.cardprocessor.intent;

import java.math.BigDecimal;
import java.util.regex.Pattern;

public record CreateIntentRequest(String amount, String currency, String reference) {

  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  /** The request normalised (amount with two decimals), or a 400 naming the bad field. */
  public CreateIntentRequest validated() {
    BigDecimal value;
    try {
      value = new BigDecimal(amount == null ? "" : amount);
    } catch (NumberFormatException e) {
      throw ApiError.invalid("amount must be a decimal string such as 12.34");
    }
    if (value.signum() <= 0
        || value.scale() > 2
        || value.compareTo(new BigDecimal("1000000")) > 0) {
      throw ApiError.invalid(
          "amount must be positive, at most 1000000 and have at most 2 decimals");
    }
    if (currency == null || !CURRENCY.matcher(currency).matches()) {
      throw ApiError.invalid("currency must be three upper-case letters (ISO 4217)");
    }
    if (reference == null || reference.isBlank() || reference.length() > 200) {
      throw ApiError.invalid("reference must be 1 to 200 characters");
    }
    return new CreateIntentRequest(value.setScale(2).toPlainString(), currency, reference);
  }
}
