package dev.storefront.events;

import java.math.BigDecimal;

/** Money on the wire: a decimal string (never a float) and an ISO 4217 code. */
public record Amount(String amount, String currencyCode) {

  public BigDecimal decimal() {
    return new BigDecimal(amount);
  }
}
