package dev.storefront.inventory.stock;

import static dev.storefront.testsupport.GraphQlErrors.expectCode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.testsupport.RouterRequests;
import dev.storefront.testsupport.SubgraphTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.test.context.TestPropertySource;

/**
 * Stock administration needs the admin scope in the subgraph itself, not only in the router's
 * {@code @requiresScopes}: a gap in the router's rules must not open it.
 */
@SubgraphTest
@TestPropertySource(
    properties = {
      "storefront.messaging.relay.enabled=false",
      "storefront.messaging.consumers.enabled=false",
      "inventory.reservations.sweep-interval=1h"
    })
class StockAdministrationAccessTest {

  static final String SET_STOCK =
      "mutation { setStockLevel(productId: \"9991\", onHand: 42) { id } }";
  static final String STOCK_FIGURES =
      "query($r: [_Any!]!) { _entities(representations: $r) { ... on Product {"
          + " onHandQuantity } } }";

  @Autowired HttpGraphQlTester graphQl;

  HttpGraphQlTester as(String user, String scopes) {
    return RouterRequests.as(graphQl, user, scopes);
  }

  @Test
  void anonymousCallersCannotSetStock() {
    expectCode(graphQl.document(SET_STOCK).execute(), "UNAUTHENTICATED");
  }

  @Test
  void shoppersWithoutTheAdminScopeCannotSetStock() {
    expectCode(as("17", "").document(SET_STOCK).execute(), "FORBIDDEN");
    expectCode(as("17", "orders:read").document(SET_STOCK).execute(), "FORBIDDEN");
  }

  @Test
  void administratorsSetStockAndSeeTheFigures() {
    var admin = as("1001", "admin");
    admin
        .document(SET_STOCK)
        .execute()
        .path("setStockLevel.id")
        .entity(String.class)
        .isEqualTo("9991");
    admin
        .document(STOCK_FIGURES)
        .variable("r", List.of(Map.of("__typename", "Product", "id", "9991")))
        .execute()
        .path("_entities[0].onHandQuantity")
        .entity(Integer.class)
        .isEqualTo(42);
  }

  @Test
  void stockFiguresAreHiddenFromShoppers() {
    var response =
        as("17", "")
            .document(STOCK_FIGURES)
            .variable("r", List.of(Map.of("__typename", "Product", "id", "9991")))
            .execute();
    response
        .errors()
        .satisfy(errors ->
            assertThat(errors)
                .anySatisfy(
                    error -> assertThat(error.getExtensions()).containsEntry("code", "FORBIDDEN")));
  }
}
