package dev.storefront.bff.mobile.support;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * An amount ready to show: the decimal string and currency the API uses, plus the amount formatted
 * for the caller's locale (e.g. {@code $24.99} for en-US, {@code 24,99 $} for de-DE).
 */
public record DisplayMoney(String amount, String currency, String formatted) {

  /** From a GraphQL {@code Money} ({@code amount}, {@code currencyCode}); null when absent. */
  public static DisplayMoney of(JsonNode money, Locale locale) {
    if (money == null || money.isMissingNode() || money.isNull()) {
      return null;
    }
    return of(money.path("amount").asString(), money.path("currencyCode").asString(), locale);
  }

  public static DisplayMoney of(String amount, String currencyCode, Locale locale) {
    String formatted = amount + " " + currencyCode;
    try {
      Currency currency = Currency.getInstance(currencyCode);
      NumberFormat format = NumberFormat.getCurrencyInstance(locale);
      format.setCurrency(currency);
      format.setMinimumFractionDigits(currency.getDefaultFractionDigits());
      format.setMaximumFractionDigits(Math.max(currency.getDefaultFractionDigits(), 0));
      formatted = format.format(new BigDecimal(amount));
    } catch (IllegalArgumentException | NullPointerException e) {
      // An unknown currency or an amount that is not a decimal: show it as it came.
    }
    return new DisplayMoney(amount, currencyCode, formatted);
  }
}
