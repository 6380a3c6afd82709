package dev.storefront.orders.order;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsEntityFetcher;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import dev.storefront.graphql.error.ClientError;
import dev.storefront.graphql.identity.CurrentUser;
import dev.storefront.graphql.pagination.Connection;
import dev.storefront.graphql.pagination.PageRequest;
import graphql.schema.DataFetchingEnvironment;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;

@DgsComponent
public class OrderDataFetcher {

  private final OrderRows orders;

  public OrderDataFetcher(OrderRows orders) {
    this.orders = orders;
  }

  /**
   * The order if it is the signed-in user's; NOT_FOUND for anyone else's, as if it did not exist.
   */
  public Mono<Order> ownedOrder(DataFetchingEnvironment env, String id) {
    String user = CurrentUser.require(env);
    return OrderIds.parse(id)
        .map(orders::byId)
        .orElse(Mono.empty())
        .filter(order -> order.userId().equals(user))
        .switchIfEmpty(Mono.error(() -> ClientError.notFound("no order " + id)));
  }

  @DgsQuery
  public CompletableFuture<Order> order(@InputArgument String id, DataFetchingEnvironment env) {
    return ownedOrder(env, id).contextCapture().toFuture();
  }

  @DgsEntityFetcher(name = "Order")
  public CompletableFuture<Order> orderEntity(
      Map<String, Object> representation, DgsDataFetchingEnvironment env) {
    return ownedOrder(env, String.valueOf(representation.get("id"))).contextCapture().toFuture();
  }

  @DgsData(parentType = "Order", field = "items")
  public CompletableFuture<List<OrderItem>> items(DgsDataFetchingEnvironment env) {
    Order order = env.getSource();
    return env.<String, List<OrderItem>>getDataLoader(OrderItemsDataLoader.class)
        .load(order.id())
        .thenApply(items -> items == null ? List.of() : items);
  }

  @DgsData(parentType = "Order", field = "statusHistory")
  public CompletableFuture<List<OrderStatusChange>> statusHistory(DgsDataFetchingEnvironment env) {
    Order order = env.getSource();
    return env.<String, List<OrderStatusChange>>getDataLoader(OrderHistoryDataLoader.class)
        .load(order.id())
        .thenApply(history -> history == null ? List.of() : history);
  }

  public record User(String id) {}

  @DgsEntityFetcher(name = "User")
  public User user(Map<String, Object> representation) {
    return new User(String.valueOf(representation.get("id")));
  }

  /**
   * Only the signed-in user's own orders: one user per request, so one statement; the items and
   * histories of the page's orders go through their DataLoaders.
   */
  @DgsData(parentType = "User", field = "orders")
  public CompletableFuture<Connection<Order>> userOrders(
      DgsDataFetchingEnvironment env, @InputArgument Integer first, @InputArgument String after) {
    User user = env.getSource();
    CurrentUser.requireOwner(env, user.id(), "orders of user " + user.id());
    return orders.pageOf(user.id(), PageRequest.of(first, after)).contextCapture().toFuture();
  }
}
