package dev.storefront.inventory.shipping;

import dev.storefront.graphql.error.ClientError;
import dev.storefront.graphql.money.Money;
import java.math.BigDecimal;
import org.springframework.stereotype.Component;

/**
 * Standard shipping for one unit: a base price covering the included weight, plus a step price for
 * each started step above it; free when the price reaches the free-shipping threshold.
 */
@Component
public class ShippingEstimator {

  private final ShippingRates rates;

  public ShippingEstimator(ShippingRates rates) {
    this.rates = rates;
  }

  public Money estimate(int weightGrams, Money price) {
    BigDecimal amount;
    try {
      amount = price.decimalAmount();
    } catch (NumberFormatException | NullPointerException e) {
      throw ClientError.badUserInput(
          "price.amount must be a decimal amount, got " + price.amount());
    }
    if (price.currencyCode() == null) {
      throw ClientError.badUserInput("price.currencyCode is required");
    }
    if (weightGrams < 0) {
      throw ClientError.badUserInput("weightGrams must not be negative");
    }
    BigDecimal cost = BigDecimal.ZERO;
    if (amount.compareTo(rates.freeFrom()) < 0) {
      int extraGrams = Math.max(weightGrams - rates.includedGrams(), 0);
      int steps = (extraGrams + rates.extraStepGrams() - 1) / rates.extraStepGrams();
      cost = rates.base().add(rates.perExtraStep().multiply(BigDecimal.valueOf(steps)));
    }
    try {
      return Money.of(cost, price.currencyCode());
    } catch (IllegalArgumentException e) {
      throw ClientError.badUserInput(
          "price.currencyCode is not an ISO 4217 code: " + price.currencyCode());
    }
  }
}
