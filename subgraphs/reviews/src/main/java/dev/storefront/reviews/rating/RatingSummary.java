package dev.storefront.reviews.rating;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How many reviews a product has and their mean rating (null without reviews). */
public record RatingSummary(long productId, int count, BigDecimal average) {

  public static RatingSummary none(long productId) {
    return new RatingSummary(productId, 0, null);
  }

  public Double roundedAverage() {
    return average == null ? null : average.setScale(2, RoundingMode.HALF_UP).doubleValue();
  }
}
