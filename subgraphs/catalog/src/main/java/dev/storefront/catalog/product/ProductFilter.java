package dev.storefront.catalog.product;

import dev.storefront.graphql.error.ClientError;
import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Pattern;

/** The schema's ProductFilter input, validated. Every field is optional. */
public record ProductFilter(
    Long categoryId, String search, BigDecimal minPrice, BigDecimal maxPrice) {

  static final int MAX_SEARCH_LENGTH = 200;
  // Plain decimals within what the price column (numeric(12,2)) can compare against: BigDecimal
  // alone takes "1e999999999", which PostgreSQL then refuses as out of range.
  private static final Pattern PRICE = Pattern.compile("\\d{1,10}(\\.\\d{1,2})?");
  private static final int MAX_ECHO = 40;
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
      throw ClientError.badUserInput(
          argument, argument + " is not a category id: " + echo(value.toString()));
    }
  }

  private static BigDecimal price(String argument, String value) {
    if (value == null) {
      return null;
    }
    String amount = value.strip();
    if (amount.startsWith("-")) {
      throw ClientError.badUserInput(argument, argument + " must not be negative");
    }
    if (!PRICE.matcher(amount).matches()) {
      throw ClientError.badUserInput(
          argument,
          argument
              + " must be a decimal amount such as \"19.99\" (at most 10 digits before the point"
              + " and 2 after), got \""
              + echo(value)
              + "\"");
    }
    return new BigDecimal(amount);
  }

  private static String echo(String value) {
    return value.length() <= MAX_ECHO ? value : value.substring(0, MAX_ECHO) + "…";
  }
}
