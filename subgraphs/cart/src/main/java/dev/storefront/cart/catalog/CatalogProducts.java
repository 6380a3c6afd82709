package dev.storefront.cart.catalog;

import dev.storefront.graphql.client.SubgraphClient;
import dev.storefront.graphql.money.Money;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Current prices from the catalog subgraph, many products per call; unknown products are absent.
 */
public class CatalogProducts {

  static final String PRICES =
      "query($r: [_Any!]!) { _entities(representations: $r) { ... on Product {"
          + " id price { amount currencyCode } } } }";

  private final SubgraphClient catalog;

  public CatalogProducts(SubgraphClient catalog) {
    this.catalog = catalog;
  }

  public Mono<Map<Long, Money>> prices(Collection<Long> productIds) {
    if (productIds.isEmpty()) {
      return Mono.just(Map.of());
    }
    List<Long> ids = new ArrayList<>(productIds);
    List<Map<String, Object>> representations =
        ids.stream()
            .map(id -> Map.<String, Object>of("__typename", "Product", "id", String.valueOf(id)))
            .toList();
    return catalog
        .query(PRICES, Map.of("r", representations), null)
        .map(data -> {
          Map<Long, Money> prices = new HashMap<>();
          JsonNode entities = data.path("_entities");
          for (int i = 0; i < ids.size(); i++) {
            JsonNode price = entities.path(i).path("price");
            if (price.isObject()) {
              prices.put(
                  ids.get(i),
                  new Money(
                      price.path("amount").asString(), price.path("currencyCode").asString()));
            }
          }
          return prices;
        });
  }
}
