package dev.storefront.inventory.stock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.service.database.SqlStatementCounter;
import dev.storefront.testsupport.Federation;
import dev.storefront.testsupport.SqlStatements;
import dev.storefront.testsupport.SubgraphTest;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;

@SubgraphTest
@TestPropertySource(
    properties = {
      "storefront.messaging.relay.enabled=false",
      "storefront.messaging.consumers.enabled=false",
      "inventory.reservations.sweep-interval=1h"
    })
class ProductStockFederationTest {

  @Autowired HttpGraphQlTester graphQl;
  @Autowired SqlStatementCounter statements;
  @Autowired DatabaseClient database;

  static final String ENTITIES =
      "query($r: [_Any!]!) { _entities(representations: $r) { ... on Product {"
          + " id inStock availableQuantity shippingEstimate { amount currencyCode } } } }";

  static Map<String, Object> product(long id, int grams, String amount) {
    return Map.of(
        "__typename",
        "Product",
        "id",
        String.valueOf(id),
        "weightGrams",
        grams,
        "price",
        Map.of("amount", amount, "currencyCode", "USD"));
  }

  @Test
  void availabilityMatchesTheStockTable() {
    long soldOut =
        database
            .sql(
                "SELECT product_id FROM stock_levels WHERE on_hand = 0 ORDER BY product_id LIMIT 1")
            .map(row -> row.get(0, Long.class))
            .one()
            .block();
    var reserved =
        database
            .sql(
                "SELECT product_id, on_hand - reserved AS available FROM stock_levels WHERE reserved > 0 ORDER BY product_id LIMIT 1")
            .map(row -> List.of(row.get(0, Long.class), (long) row.get(1, Integer.class)))
            .one()
            .block();
    var response =
        graphQl
            .document(ENTITIES)
            .variable(
                "r",
                List.of(
                    product(soldOut, 100, "10.00"),
                    product(reserved.get(0), 100, "10.00"),
                    product(99_999_999, 100, "10.00")))
            .execute();
    response.path("_entities[0].inStock").entity(Boolean.class).isEqualTo(false);
    response.path("_entities[0].availableQuantity").entity(Integer.class).isEqualTo(0);
    response.path("_entities[1].availableQuantity").entity(Long.class).isEqualTo(reserved.get(1));
    response.path("_entities[1].inStock").entity(Boolean.class).isEqualTo(reserved.get(1) > 0);
    response.path("_entities[2].id").entity(String.class).isEqualTo("99999999");
    response.path("_entities[2].inStock").entity(Boolean.class).isEqualTo(false);
  }

  @Test
  void shippingFollowsTheConfiguredRates() {
    var response =
        graphQl
            .document(ENTITIES)
            .variable(
                "r",
                List.of(
                    product(1, 400, "19.99"),
                    product(2, 2600, "19.99"),
                    product(3, 9000, "120.00")))
            .execute();
    response.path("_entities[0].shippingEstimate.amount").entity(String.class).isEqualTo("4.99");
    response.path("_entities[1].shippingEstimate.amount").entity(String.class).isEqualTo("8.39");
    response.path("_entities[2].shippingEstimate.amount").entity(String.class).isEqualTo("0.00");
    response
        .path("_entities[2].shippingEstimate.currencyCode")
        .entity(String.class)
        .isEqualTo("USD");
  }

  @Test
  void aRepresentationWithoutPriceGetsATypedErrorOnShippingOnly() {
    graphQl
        .document(ENTITIES)
        .variable("r", List.of(Map.of("__typename", "Product", "id", "5", "weightGrams", 100)))
        .execute()
        .errors()
        .satisfy(errors ->
            assertThat(errors)
                .singleElement()
                .satisfies(error -> {
                  assertThat(error.getExtensions()).containsEntry("code", "BAD_USER_INPUT");
                  assertThat(error.getPath()).contains("shippingEstimate");
                }));
  }

  @Test
  void oneStatementForTenOrAHundredProducts() {
    assertThat(statementsFor(10)).isEqualTo(1);
    assertThat(statementsFor(100)).isEqualTo(1);
  }

  @Test
  void publishesItsFederationSchema() {
    Federation.assertServesEntities(graphQl, "Product");
    graphQl
        .document("{ _service { sdl } }")
        .execute()
        .path("_service.sdl")
        .entity(String.class)
        .satisfies(sdl ->
            assertThat(sdl)
                .contains("@requires(fields : \"weightGrams price { amount currencyCode }\")"));
  }

  private long statementsFor(int count) {
    var representations =
        IntStream.rangeClosed(1, count).mapToObj(i -> product(i * 13L, 500, "12.50")).toList();
    return SqlStatements.countDuring(
        statements,
        () ->
            graphQl
                .document(ENTITIES)
                .variable("r", representations)
                .execute()
                .path("_entities[*].inStock")
                .entityList(Boolean.class)
                .hasSize(count));
  }
}
