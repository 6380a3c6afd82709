package dev.storefront.sandbox.cardprocessor.intent;

import dev.storefront.sandbox.cardprocessor.api.ApiError;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/** The body of {@code POST /v1/payment_intents}. */
public record CreateIntentRequest(String amount, String currency, String reference) {

  // Plain digits only: BigDecimal alone would also take "1E+3" or "+5".
  private static final Pattern AMOUNT = Pattern.compile("\\d+(\\.\\d{1,2})?");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
  private static final int MAX_REFERENCE_LENGTH = 200;

  /**
   * The request with its amount written with two decimals, so "12.5" and "12.50" are the same
   * request to the idempotency check; or a 400 naming the bad field.
   */
  public CreateIntentRequest validated() {
    if (amount == null
        || !AMOUNT.matcher(amount).matches()
        || new BigDecimal(amount).signum() <= 0) {
      throw ApiError.invalid(
          "amount must be a decimal string greater than 0 with at most 2 decimals, e.g. \"12.34\"");
    }
    if (currency == null || !CURRENCY.matcher(currency).matches()) {
      throw ApiError.invalid("currency must be three upper-case letters (ISO 4217), e.g. \"EUR\"");
    }
    if (reference == null || reference.isBlank() || reference.length() > MAX_REFERENCE_LENGTH) {
      throw ApiError.invalid(
          "reference must be a non-blank string of at most "
              + MAX_REFERENCE_LENGTH
              + " characters");
    }
    return new CreateIntentRequest(
        new BigDecimal(amount).setScale(2).toPlainString(), currency, reference);
  }
}
