package dev.storefront.inventory.stock;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsEntityFetcher;
import dev.storefront.graphql.error.ClientError;
import dev.storefront.graphql.identity.CurrentUser;
import dev.storefront.graphql.money.Money;
import dev.storefront.graphql.pagination.EntityIds;
import dev.storefront.inventory.shipping.ShippingEstimator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

@DgsComponent
public class ProductStockDataFetcher {

  private final ShippingEstimator shipping;

  public ProductStockDataFetcher(ShippingEstimator shipping) {
    this.shipping = shipping;
  }

  @DgsEntityFetcher(name = "Product")
  public Product resolveReference(Map<String, Object> representation) {
    Object weight = representation.get("weightGrams");
    Money price = null;
    if (representation.get("price") instanceof Map<?, ?> priceFields) {
      Object amount = priceFields.get("amount");
      Object currency = priceFields.get("currencyCode");
      price =
          new Money(
              amount == null ? null : amount.toString(),
              currency == null ? null : currency.toString());
    }
    return new Product(
        String.valueOf(representation.get("id")),
        weight instanceof Number number ? number.intValue() : null,
        price);
  }

  @DgsData(parentType = "Product", field = "availableQuantity")
  public CompletableFuture<Integer> availableQuantity(DgsDataFetchingEnvironment env) {
    return stock(env).thenApply(StockLevel::available);
  }

  @DgsData(parentType = "Product", field = "onHandQuantity")
  public CompletableFuture<Integer> onHandQuantity(DgsDataFetchingEnvironment env) {
    CurrentUser.requireScope(env, CurrentUser.ADMIN_SCOPE);
    return stock(env).thenApply(StockLevel::onHand);
  }

  @DgsData(parentType = "Product", field = "reservedQuantity")
  public CompletableFuture<Integer> reservedQuantity(DgsDataFetchingEnvironment env) {
    CurrentUser.requireScope(env, CurrentUser.ADMIN_SCOPE);
    return stock(env).thenApply(StockLevel::reserved);
  }

  @DgsData(parentType = "Product", field = "inStock")
  public CompletableFuture<Boolean> inStock(DgsDataFetchingEnvironment env) {
    return stock(env).thenApply(level -> level.available() > 0);
  }

  @DgsData(parentType = "Product", field = "shippingEstimate")
  public Money shippingEstimate(DgsDataFetchingEnvironment env) {
    Product product = env.getSource();
    if (product.weightGrams() == null || product.price() == null) {
      throw ClientError.badUserInput(
          "shippingEstimate needs the product's weightGrams and price (provided by the router through @requires)");
    }
    return shipping.estimate(product.weightGrams(), product.price());
  }

  private static CompletableFuture<StockLevel> stock(DgsDataFetchingEnvironment env) {
    Product product = env.getSource();
    return EntityIds.parse(product.id())
        .map(id -> env.<Long, StockLevel>getDataLoader(StockLevelDataLoader.class).load(id))
        .orElseGet(() -> CompletableFuture.completedFuture(StockLevel.none(0)));
  }
}
