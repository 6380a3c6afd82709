package dev.storefront.orders.checkout;

import dev.storefront.graphql.client.SubgraphCallException;
import dev.storefront.graphql.client.SubgraphClient;
import dev.storefront.graphql.client.SubgraphClients;
import dev.storefront.graphql.money.Money;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** Reads the user's cart, with the catalog's current prices, from the cart subgraph. */
@Component
public class CartReader {

  static final String CART_QUERY =
      "query($r: [_Any!]!) { _entities(representations: $r) { ... on User { cart { items {"
          + " product { id } quantity unitPrice { amount currencyCode } } updatedAt } } } }";

  private final SubgraphClient cart;

  public CartReader(SubgraphClients clients, @Value("${orders.cart-url}") URI cartUrl) {
    this.cart = clients.of("cart", cartUrl);
  }

  /**
   * The cart of {@code userId}, read with the user's own access token: the cart subgraph verifies
   * it and shows a cart to its owner only.
   */
  public Mono<CheckedOutCart> cartOf(String userId, String accessToken) {
    return cart.query(
            CART_QUERY,
            Map.of("r", List.of(Map.of("__typename", "User", "id", userId))),
            accessToken)
        .map(data -> {
          JsonNode cartNode = data.path("_entities").path(0).path("cart");
          JsonNode items = cartNode.path("items");
          if (!items.isArray()) {
            throw new SubgraphCallException("cart answered without items: " + data);
          }
          List<CartLine> lines = new ArrayList<>();
          for (JsonNode item : items) {
            lines.add(
                new CartLine(
                    Long.parseLong(item.path("product").path("id").asString()),
                    item.path("quantity").asInt(),
                    new Money(
                        item.path("unitPrice").path("amount").asString(),
                        item.path("unitPrice").path("currencyCode").asString())));
          }
          // A cart never changed has no updatedAt (and no lines: checkout refuses it).
          JsonNode updatedAt = cartNode.path("updatedAt");
          return new CheckedOutCart(
              lines,
              updatedAt.isString() ? OffsetDateTime.parse(updatedAt.asString()).toInstant() : null);
        });
  }
}
