package dev.storefront.bff.mobile.cart;

import dev.storefront.bff.mobile.support.DisplayMoney;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * The signed-in user's cart.
 *
 * @param subtotal null when the cart is empty
 */
public record CartScreen(List<Line> items, int totalQuantity, DisplayMoney subtotal) {

  public record Line(
      String productId,
      String name,
      int quantity,
      DisplayMoney unitPrice,
      DisplayMoney lineTotal) {}

  static CartScreen of(JsonNode cart, Locale locale) {
    var lines = new ArrayList<Line>();
    for (JsonNode item : cart.path("items")) {
      lines.add(
          new Line(
              item.path("product").path("id").asString(),
              item.path("product").path("name").asString(null),
              item.path("quantity").asInt(),
              DisplayMoney.of(item.path("unitPrice"), locale),
              DisplayMoney.of(item.path("lineTotal"), locale)));
    }
    return new CartScreen(
        lines, cart.path("totalQuantity").asInt(0), DisplayMoney.of(cart.path("subtotal"), locale));
  }
}
