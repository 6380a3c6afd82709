package dev.storefront.orders.checkout;

import dev.storefront.graphql.error.ClientError;
import dev.storefront.orders.order.Address;
import java.util.Map;
import java.util.regex.Pattern;

/** The validated {@code CheckoutInput}. */
public record CheckoutRequest(String idempotencyKey, Address shippingAddress) {

  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
  private static final int MAX_FIELD = 200;

  public static CheckoutRequest from(Map<String, Object> input) {
    String key = text(input, "idempotencyKey", 100, true);
    if (!(input.get("shippingAddress") instanceof Map<?, ?> raw)) {
      throw ClientError.badUserInput("input.shippingAddress", "shippingAddress is required");
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> address = (Map<String, Object>) raw;
    String country = text(address, "country", 2, true);
    if (!COUNTRY.matcher(country).matches()) {
      throw ClientError.badUserInput(
          "input.shippingAddress.country", "country must be an ISO 3166-1 alpha-2 code such as DE");
    }
    return new CheckoutRequest(
        key,
        new Address(
            text(address, "name", MAX_FIELD, true),
            text(address, "line1", MAX_FIELD, true),
            text(address, "line2", MAX_FIELD, false),
            text(address, "postalCode", 20, true),
            text(address, "city", MAX_FIELD, true),
            country));
  }

  private static String text(Map<String, Object> fields, String name, int max, boolean required) {
    Object value = fields.get(name);
    String text = value == null ? null : value.toString().strip();
    if (text == null || text.isEmpty()) {
      if (required) {
        throw ClientError.badUserInput(name, name + " must not be empty");
      }
      return null;
    }
    if (text.length() > max) {
      throw ClientError.badUserInput(name, name + " must be at most " + max + " characters");
    }
    return text;
  }
}
