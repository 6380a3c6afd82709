package dev.storefront.cart.cart;

import dev.storefront.events.orders.OrderConfirmed;
import dev.storefront.messaging.AfterCommit;
import dev.storefront.messaging.consumer.EventHandler;
import dev.storefront.messaging.consumer.PoisonEventException;
import java.util.List;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * OrderConfirmed → the bought units leave the user's cart, taken only from lines that were in it
 * when checkout read it (a confirmation delayed by a fault must not empty a cart filled since).
 */
@Component
public class OrderConfirmedHandler implements EventHandler<OrderConfirmed> {

  private final CartStore carts;

  public OrderConfirmedHandler(CartStore carts) {
    this.carts = carts;
  }

  @Override
  public Class<OrderConfirmed> eventType() {
    return OrderConfirmed.class;
  }

  @Override
  public Mono<Void> handle(OrderConfirmed event) {
    if (event.userId() == null || event.userId().isBlank()) {
      throw new PoisonEventException("OrderConfirmed " + event.orderId() + " names no user");
    }
    List<StoredCart.Line> ordered =
        (event.items() == null ? List.<OrderConfirmed.Item>of() : event.items())
            .stream().map(item -> new StoredCart.Line(item.productId(), item.quantity())).toList();
    // Redis gets the new cart once the change is committed, never before.
    return AfterCommit.run(() -> carts.refreshCache(event.userId()))
        .then(carts.removeOrdered(event.userId(), ordered, event.cartUpdatedAt()));
  }
}
