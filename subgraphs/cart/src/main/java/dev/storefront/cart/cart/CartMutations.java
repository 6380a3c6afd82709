package dev.storefront.cart.cart;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.InputArgument;
import dev.storefront.cart.catalog.CatalogProducts;
import dev.storefront.graphql.error.ClientError;
import dev.storefront.graphql.identity.CurrentUser;
import dev.storefront.graphql.pagination.EntityIds;
import graphql.schema.DataFetchingEnvironment;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;

@DgsComponent
public class CartMutations {

  static final int MAX_QUANTITY = 99;

  private final CartStore carts;
  private final CatalogProducts catalog;

  public CartMutations(CartStore carts, CatalogProducts catalog) {
    this.carts = carts;
    this.catalog = catalog;
  }

  @DgsMutation
  public CompletableFuture<StoredCart> addToCart(
      @InputArgument String productId,
      @InputArgument Integer quantity,
      DataFetchingEnvironment env) {
    String user = CurrentUser.require(env);
    long id = productId(productId);
    int units = quantity(quantity, 1);
    return catalog
        .prices(List.of(id))
        .flatMap(prices ->
            prices.containsKey(id)
                ? carts.add(user, id, units)
                : Mono.error(
                    ClientError.badUserInput("productId", "no product has id " + productId)))
        .contextCapture()
        .toFuture();
  }

  @DgsMutation
  public CompletableFuture<StoredCart> updateCartItem(
      @InputArgument String productId,
      @InputArgument Integer quantity,
      DataFetchingEnvironment env) {
    String user = CurrentUser.require(env);
    return carts.set(user, productId(productId), quantity(quantity, 0)).contextCapture().toFuture();
  }

  @DgsMutation
  public CompletableFuture<StoredCart> removeFromCart(
      @InputArgument String productId, DataFetchingEnvironment env) {
    String user = CurrentUser.require(env);
    return carts.set(user, productId(productId), 0).contextCapture().toFuture();
  }

  @DgsMutation
  public CompletableFuture<StoredCart> clearCart(DataFetchingEnvironment env) {
    return carts.clear(CurrentUser.require(env)).contextCapture().toFuture();
  }

  private static long productId(String productId) {
    return EntityIds.parse(productId)
        .orElseThrow(() -> ClientError.badUserInput("productId", "no product has id " + productId));
  }

  private static int quantity(Integer quantity, int min) {
    if (quantity == null || quantity < min || quantity > MAX_QUANTITY) {
      throw ClientError.badUserInput(
          "quantity", "quantity must be between " + min + " and " + MAX_QUANTITY);
    }
    return quantity;
  }
}
