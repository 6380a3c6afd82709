package dev.storefront.cart.cart;

import dev.storefront.messaging.AfterCommit;
import dev.storefront.messaging.Event;
import dev.storefront.messaging.consumer.EventHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** OrderConfirmed → the bought units leave the user's cart. */
@Component
public class OrderConfirmedHandler implements EventHandler {

  private final CartStore carts;

  public OrderConfirmedHandler(CartStore carts) {
    this.carts = carts;
  }

  @Override
  public String source() {
    return "orders";
  }

  @Override
  public Set<String> eventTypes() {
    return Set.of("OrderConfirmed");
  }

  @Override
  public Mono<Void> handle(Event event) {
    String userId = event.payload().path("userId").asString();
    List<StoredCart.Line> ordered = new ArrayList<>();
    for (JsonNode item : event.payload().path("items")) {
      ordered.add(
          new StoredCart.Line(
              Long.parseLong(item.path("productId").asString()), item.path("quantity").asInt()));
    }
    // Redis gets the new cart once the change is committed, never before.
    return AfterCommit.run(() -> carts.refreshCache(userId))
        .then(carts.removeOrdered(userId, ordered));
  }
}
