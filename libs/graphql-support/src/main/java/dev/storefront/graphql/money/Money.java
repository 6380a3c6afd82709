package dev.storefront.graphql.money;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * The GraphQL {@code Money} type: a decimal string with as many fraction digits as the currency
 * uses, and an ISO 4217 code. Never a float.
 */
public record Money(String amount, String currencyCode) {

  public static Money of(BigDecimal amount, String currencyCode) {
    Currency currency = Currency.getInstance(currencyCode);
    int digits = Math.max(currency.getDefaultFractionDigits(), 0);
    return new Money(
        amount.setScale(digits, RoundingMode.HALF_EVEN).toPlainString(),
        currency.getCurrencyCode());
  }

  public BigDecimal decimalAmount() {
    return new BigDecimal(amount);
  }

  /** This amount {@code quantity} times: a line total. */
  public Money times(int quantity) {
    return of(decimalAmount().multiply(BigDecimal.valueOf(quantity)), currencyCode);
  }
}
