package dev.storefront.catalog.product;

import dev.storefront.graphql.error.ClientError;
import java.math.BigDecimal;
import java.util.Map;

/** The schema's ProductFilter input, validated. Every field is optional. */
public record ProductFilter(
    Long categoryId, String search, BigDecimal minPrice, BigDecimal maxPrice) {

  static final int MAX_SEARCH_LENGTH = 200;
  public static final ProductFilter NONE = new ProductFilter(null, null, null, null);

  public static ProductFilter fromArgument(Map<String, Object> input) {
    if (input == null) {
      return NONE;
    }
    String search = (String) input.get("search");
    if (search != null) {
      search = search.strip();
      if (search.length() > MAX_SEARCH_LENGTH) {
        throw ClientError.badUserInput(
            "filter.search", "search may be at most %d characters".formatted(MAX_SEARCH_LENGTH));
      }
      if (search.isEmpty()) {
        search = null;
      }
    }
    BigDecimal min = price("filter.minPrice", (String) input.get("minPrice"));
    BigDecimal max = price("filter.maxPrice", (String) input.get("maxPrice"));
    if (min != null && max != null && min.compareTo(max) > 0) {
      throw ClientError.badUserInput("filter", "minPrice must not be greater than maxPrice");
    }
    return new ProductFilter(id("filter.categoryId", input.get("categoryId")), search, min, max);
  }

  private static Long id(String argument, Object value) {
    if (value == null) {
      return null;
    }
    try {
      return Long.parseLong(value.toString());
    } catch (NumberFormatException e) {
      throw ClientError.badUserInput(argument, argument + " is not a category id: " + value);
    }
  }

  private static BigDecimal price(String argument, String value) {
    if (value == null) {
      return null;
    }
    try {
      BigDecimal amount = new BigDecimal(value.strip());
      if (amount.signum() < 0) {
        throw ClientError.badUserInput(argument, argument + " must not be negative");
      }
      return amount;
    } catch (NumberFormatException e) {
      throw ClientError.badUserInput(
          argument,
          argument + " must be a decimal amount such as \"19.99\", got \"" + value + "\"");
    }
  }
}
