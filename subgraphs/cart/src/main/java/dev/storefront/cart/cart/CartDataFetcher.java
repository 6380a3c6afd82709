package dev.storefront.cart.cart;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsEntityFetcher;
import dev.storefront.cart.catalog.ProductPriceDataLoader;
import dev.storefront.graphql.error.ClientError;
import dev.storefront.graphql.identity.CurrentUser;
import dev.storefront.graphql.money.Money;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

@DgsComponent
public class CartDataFetcher {

  public record User(String id) {}

  @DgsEntityFetcher(name = "User")
  public User user(Map<String, Object> representation) {
    return new User(String.valueOf(representation.get("id")));
  }

  @DgsData(parentType = "User", field = "cart")
  public CompletableFuture<StoredCart> cart(DgsDataFetchingEnvironment env) {
    User user = env.getSource();
    CurrentUser.requireOwner(env, user.id(), "cart of user " + user.id());
    return env.<String, StoredCart>getDataLoader(CartDataLoader.class).load(user.id());
  }

  @DgsData(parentType = "Cart", field = "items")
  public List<CartItemView> items(DgsDataFetchingEnvironment env) {
    StoredCart cart = env.getSource();
    return cart.items().stream()
        .map(line -> new CartItemView(line.productId(), line.quantity()))
        .toList();
  }

  @DgsData(parentType = "Cart", field = "totalQuantity")
  public int totalQuantity(DgsDataFetchingEnvironment env) {
    StoredCart cart = env.getSource();
    return cart.totalQuantity();
  }

  @DgsData(parentType = "Cart", field = "subtotal")
  public CompletableFuture<Money> subtotal(DgsDataFetchingEnvironment env) {
    StoredCart cart = env.getSource();
    if (cart.items().isEmpty()) {
      return CompletableFuture.completedFuture(null);
    }
    List<Long> ids = cart.items().stream().map(StoredCart.Line::productId).toList();
    return env.<Long, Money>getDataLoader(ProductPriceDataLoader.class)
        .loadMany(ids)
        .thenApply(prices -> {
          BigDecimal sum = BigDecimal.ZERO;
          String currency = null;
          for (int i = 0; i < ids.size(); i++) {
            Money price = requirePrice(prices.get(i), ids.get(i));
            if (currency != null && !currency.equals(price.currencyCode())) {
              throw ClientError.badUserInput("the cart mixes currencies; no single subtotal");
            }
            currency = price.currencyCode();
            sum = sum.add(price.times(cart.items().get(i).quantity()).decimalAmount());
          }
          return Money.of(sum, currency);
        });
  }

  @DgsData(parentType = "CartItem", field = "unitPrice")
  public CompletableFuture<Money> unitPrice(DgsDataFetchingEnvironment env) {
    CartItemView item = env.getSource();
    return env.<Long, Money>getDataLoader(ProductPriceDataLoader.class)
        .load(item.productId())
        .thenApply(price -> requirePrice(price, item.productId()));
  }

  @DgsData(parentType = "CartItem", field = "lineTotal")
  public CompletableFuture<Money> lineTotal(DgsDataFetchingEnvironment env) {
    CartItemView item = env.getSource();
    return unitPrice(env).thenApply(price -> price.times(item.quantity()));
  }

  private static Money requirePrice(Money price, long productId) {
    if (price == null) {
      throw ClientError.notFound("product " + productId + " is no longer in the catalog");
    }
    return price;
  }
}
