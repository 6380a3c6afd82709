package dev.storefront.bff.mobile.product;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.storefront.bff.mobile.support.DisplayMoney;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * A product in a list: what a small screen shows, no images.
 *
 * @param averageRating null when the product has no reviews, or the list does not show ratings
 * @param reviewCount null when the list does not show ratings
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProductTile(
    String id,
    String name,
    DisplayMoney price,
    boolean inStock,
    Double averageRating,
    Integer reviewCount) {

  public static ProductTile of(JsonNode node, Locale locale) {
    JsonNode rating = node.path("averageRating");
    JsonNode count = node.path("reviewCount");
    return new ProductTile(
        node.path("id").asString(),
        node.path("name").asString(),
        DisplayMoney.of(node.path("price"), locale),
        node.path("inStock").asBoolean(false),
        rating.isNumber() ? rating.asDouble() : null,
        count.isNumber() ? count.asInt() : null);
  }
}
