package dev.storefront.orders.subscription;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsSubscription;
import com.netflix.graphql.dgs.InputArgument;
import dev.storefront.orders.order.Order;
import dev.storefront.orders.order.OrderDataFetcher;
import dev.storefront.orders.order.OrderIds;
import graphql.schema.DataFetchingEnvironment;
import java.time.Duration;
import java.util.UUID;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

@DgsComponent
public class OrderStatusSubscription {

  /** A subscription never outlives this; a checkout that takes longer is polled with order(id). */
  static final Duration MAX_DURATION = Duration.ofMinutes(30);

  private final OrderDataFetcher orders;
  private final OrderStatusFeed feed;

  public OrderStatusSubscription(OrderDataFetcher orders, OrderStatusFeed feed) {
    this.orders = orders;
    this.feed = feed;
  }

  @DgsSubscription
  public Publisher<Order> orderStatusChanged(
      @InputArgument String orderId, DataFetchingEnvironment env) {
    String id = OrderIds.parse(orderId).map(UUID::toString).orElse(orderId);
    // Listening starts before the current status is read, so no change can fall in between; the
    // first read also checks ownership (someone else's order id is NOT_FOUND).
    Flux<Order> changes =
        feed.changedOrderIds().filter(id::equals).concatMap(changed -> orders.ownedOrder(env, id));
    return Flux.merge(changes, orders.ownedOrder(env, id))
        .distinctUntilChanged(Order::status)
        .takeUntil(order -> order.status().isFinal())
        .take(MAX_DURATION);
  }
}
