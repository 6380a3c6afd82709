package dev.storefront.accounts.address;

import dev.storefront.graphql.error.ClientError;
import java.util.Map;
import java.util.regex.Pattern;

/** A validated {@code NewAddressInput}: values trimmed, empty optional values null. */
record NewAddress(
    String label,
    String name,
    String line1,
    String line2,
    String postalCode,
    String city,
    String country,
    boolean isDefault) {

  static final int MAX_LABEL = 80;
  static final int MAX_LINE = 200;
  static final int MAX_POSTAL_CODE = 20;
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

  static NewAddress from(Map<String, Object> input) {
    String country = text(input, "country", 2, true);
    if (!COUNTRY.matcher(country).matches()) {
      throw ClientError.badUserInput(
          "input.country", "country must be an ISO 3166-1 alpha-2 code in capitals, such as DE");
    }
    return new NewAddress(
        text(input, "label", MAX_LABEL, false),
        text(input, "name", MAX_LINE, true),
        text(input, "line1", MAX_LINE, true),
        text(input, "line2", MAX_LINE, false),
        text(input, "postalCode", MAX_POSTAL_CODE, true),
        text(input, "city", MAX_LINE, true),
        country,
        Boolean.TRUE.equals(input.get("isDefault")));
  }

  private static String text(Map<String, Object> input, String field, int max, boolean required) {
    Object value = input.get(field);
    String text = value == null ? "" : value.toString().strip();
    if (text.isEmpty()) {
      if (required) {
        throw ClientError.badUserInput("input." + field, field + " must not be empty");
      }
      return null;
    }
    if (text.codePointCount(0, text.length()) > max) {
      throw ClientError.badUserInput(
          "input." + field, field + " must be at most " + max + " characters");
    }
    return text;
  }
}
