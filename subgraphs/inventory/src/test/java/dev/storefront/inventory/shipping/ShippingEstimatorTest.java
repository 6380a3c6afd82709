package dev.storefront.inventory.shipping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storefront.graphql.error.ClientError;
import dev.storefront.graphql.money.Money;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShippingEstimatorTest {

  final ShippingEstimator estimator =
      new ShippingEstimator(
          new ShippingRates(
              new BigDecimal("4.99"), 1000, new BigDecimal("0.85"), 500, new BigDecimal("75.00")));

  @ParameterizedTest(name = "{0} g at {1} USD ships for {2}")
  @CsvSource({
    "0,     10.00, 4.99",
    "1000,  10.00, 4.99",
    "1001,  10.00, 5.84",
    "1500,  10.00, 5.84",
    "1501,  10.00, 6.69",
    "20000, 74.99, 37.29",
    "20000, 75.00, 0.00",
    "300,   499.99, 0.00",
  })
  void chargesTheBasePlusEachStartedStepUnlessTheProductShipsFree(
      int grams, String price, String expected) {
    assertThat(estimator.estimate(grams, new Money(price, "USD")))
        .isEqualTo(new Money(expected, "USD"));
  }

  @Test
  void keepsTheCurrencyAndItsFractionDigits() {
    assertThat(estimator.estimate(100, new Money("1000", "JPY"))).isEqualTo(new Money("0", "JPY"));
  }

  @Test
  void rejectsAmountsAndCurrenciesItCannotRead() {
    assertThatThrownBy(() -> estimator.estimate(100, new Money("ten", "USD")))
        .isInstanceOf(ClientError.class);
    assertThatThrownBy(() -> estimator.estimate(100, new Money("10.00", "XXXX")))
        .isInstanceOf(ClientError.class);
  }
}
