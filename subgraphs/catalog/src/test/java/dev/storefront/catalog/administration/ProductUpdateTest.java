package dev.storefront.catalog.administration;

import static dev.storefront.testsupport.GraphQlErrors.expectBadUserInput;
import static dev.storefront.testsupport.GraphQlErrors.expectCode;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.testsupport.RouterRequests;
import dev.storefront.testsupport.SubgraphTest;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

@SubgraphTest
class ProductUpdateTest {

  static final String UPDATE =
      "mutation($id: ID!, $input: ProductUpdateInput!) { updateProduct(id: $id, input: $input) {"
          + " id name description price { amount currencyCode } weightGrams } }";

  @Autowired HttpGraphQlTester graphQl;

  HttpGraphQlTester as(String user, String scopes) {
    return RouterRequests.as(graphQl, user, scopes);
  }

  @Test
  void administratorsChangeWhatTheyGiveAndNothingElse() {
    var admin = as("1001", "admin");
    String description =
        admin
            .document("{ product(id: \"9990\") { description } }")
            .execute()
            .path("product.description")
            .entity(String.class)
            .get();
    var response =
        admin
            .document(UPDATE)
            .variable("id", "9990")
            .variable("input", Map.of("name", "  Oak Stool (2026)  ", "priceAmount", "24.5"))
            .execute();
    response.path("updateProduct.name").entity(String.class).isEqualTo("Oak Stool (2026)");
    response.path("updateProduct.price.amount").entity(String.class).isEqualTo("24.50");
    response.path("updateProduct.description").entity(String.class).isEqualTo(description);
    graphQl
        .document("{ product(id: \"9990\") { name price { amount } } }")
        .execute()
        .path("product.price.amount")
        .entity(String.class)
        .isEqualTo("24.50");
  }

  @Test
  void badValuesAreRefusedAndChangeNothing() {
    var admin = as("1001", "admin");
    for (var bad :
        Map.of(
                "input.name", Map.<String, Object>of("name", " "),
                "input.priceAmount", Map.<String, Object>of("priceAmount", "-1"),
                "input.weightGrams", Map.<String, Object>of("weightGrams", 2_000_000),
                "input", Map.<String, Object>of())
            .entrySet()) {
      expectBadUserInput(
          admin.document(UPDATE).variable("id", "9989").variable("input", bad.getValue()).execute(),
          bad.getKey());
    }
    expectBadUserInput(
        admin
            .document(UPDATE)
            .variable("id", "9989")
            .variable("input", Map.of("priceAmount", "12.345"))
            .execute(),
        "input.priceAmount");
    expectBadUserInput(
        admin
            .document(UPDATE)
            .variable("id", "9989")
            .variable("input", Map.of("priceAmount", "1e3; DROP TABLE products"))
            .execute(),
        "input.priceAmount");
    expectCode(
        admin
            .document(UPDATE)
            .variable("id", "99999999")
            .variable("input", Map.of("name", "Ghost"))
            .execute(),
        "NOT_FOUND");
  }

  @Test
  void onlyAdministratorsMayUpdate() {
    var input = Map.of("name", "Hijacked");
    expectCode(
        graphQl.document(UPDATE).variable("id", "9988").variable("input", input).execute(),
        "UNAUTHENTICATED");
    expectCode(
        as("17", "").document(UPDATE).variable("id", "9988").variable("input", input).execute(),
        "FORBIDDEN");
    graphQl
        .document("{ product(id: \"9988\") { name } }")
        .execute()
        .path("product.name")
        .entity(String.class)
        .satisfies(name -> assertThat(name).isNotEqualTo("Hijacked"));
  }
}
