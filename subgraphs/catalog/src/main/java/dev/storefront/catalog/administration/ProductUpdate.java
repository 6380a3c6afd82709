package dev.storefront.catalog.administration;

import dev.storefront.graphql.error.ClientError;
import java.math.BigDecimal;
import java.util.Map;

/** A validated {@code ProductUpdateInput}: null fields stay as they are. */
record ProductUpdate(String name, String description, BigDecimal priceAmount, Integer weightGrams) {

  static final int MAX_NAME = 200;
  static final int MAX_DESCRIPTION = 5_000;
  static final BigDecimal MAX_PRICE = new BigDecimal("1000000.00");
  static final int MAX_WEIGHT_GRAMS = 1_000_000;

  static ProductUpdate fromArgument(Map<String, Object> input) {
    String name = trimmed(input.get("name"));
    if (name != null && (name.isEmpty() || name.length() > MAX_NAME)) {
      throw ClientError.badUserInput("input.name", "name must be 1 to " + MAX_NAME + " characters");
    }
    String description = (String) input.get("description");
    if (description != null && description.length() > MAX_DESCRIPTION) {
      throw ClientError.badUserInput(
          "input.description", "description may be at most " + MAX_DESCRIPTION + " characters");
    }
    BigDecimal price = price((String) input.get("priceAmount"));
    Integer weight = (Integer) input.get("weightGrams");
    if (weight != null && (weight < 0 || weight > MAX_WEIGHT_GRAMS)) {
      throw ClientError.badUserInput(
          "input.weightGrams", "weightGrams must be between 0 and " + MAX_WEIGHT_GRAMS);
    }
    if (name == null && description == null && price == null && weight == null) {
      throw ClientError.badUserInput("input", "give at least one field to change");
    }
    return new ProductUpdate(name, description, price, weight);
  }

  private static BigDecimal price(String amount) {
    if (amount == null) {
      return null;
    }
    BigDecimal price;
    try {
      price = new BigDecimal(amount.strip());
    } catch (NumberFormatException e) {
      throw ClientError.badUserInput("input.priceAmount", "priceAmount must be a decimal string");
    }
    if (price.signum() < 0 || price.compareTo(MAX_PRICE) > 0 || price.scale() > 2) {
      throw ClientError.badUserInput(
          "input.priceAmount",
          "priceAmount must be from 0.00 to " + MAX_PRICE + " with at most two decimals");
    }
    return price.setScale(2);
  }

  private static String trimmed(Object value) {
    return value == null ? null : ((String) value).strip();
  }
}
