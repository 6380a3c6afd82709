package dev.storefront.cart.cart;

import dev.storefront.testsupport.GraphQlErrors;
import dev.storefront.testsupport.RouterRequests;
import dev.storefront.testsupport.SubgraphTest;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.graphql.test.tester.GraphQlTester;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/**
 * Quantities and product ids out of range are BAD_USER_INPUT naming the argument, refused before
 * the catalog or the database is asked.
 */
@SubgraphTest
class CartInputRangeTest {

  static final String ADD =
      "mutation($productId: ID!, $quantity: Int!) {"
          + " addToCart(productId: $productId, quantity: $quantity) { totalQuantity } }";
  static final String UPDATE =
      "mutation($productId: ID!, $quantity: Int!) {"
          + " updateCartItem(productId: $productId, quantity: $quantity) { totalQuantity } }";

  @Autowired HttpGraphQlTester graphQl;

  HttpGraphQlTester shopper() {
    return RouterRequests.as(graphQl, "cart-range-1");
  }

  GraphQlTester.Response add(String productId, Object quantity) {
    return shopper()
        .document(ADD)
        .variable("productId", productId)
        .variable("quantity", quantity)
        .execute();
  }

  @Test
  void quantitiesOutsideOneToNinetyNineAreBadUserInput() {
    for (Object quantity : new Object[] {0, -1, 100, Integer.MAX_VALUE, Integer.MIN_VALUE}) {
      GraphQlErrors.expectBadUserInput(add("1", quantity), "quantity");
    }
    GraphQlErrors.expectBadUserInput(
        shopper().document(UPDATE).variable("productId", "1").variable("quantity", -1).execute(),
        "quantity");
  }

  @Test
  void numbersNoIntCanHoldAreBadUserInputNamingTheVariable() {
    for (Object quantity :
        new Object[] {new BigInteger("9".repeat(400)), 2_147_483_648L, 1.5, "Infinity", "NaN"}) {
      GraphQlErrors.expectBadUserInput(add("1", quantity), "quantity");
    }
  }

  @Test
  void productIdsNoProductCanHaveAreBadUserInput() {
    for (String productId : new String[] {"9".repeat(400), "-1", "1e9", "0"}) {
      GraphQlErrors.expectBadUserInput(add(productId, 1), "productId");
    }
  }
}
