package dev.storefront.orders.saga;

import dev.storefront.events.inventory.StockCommitted;
import dev.storefront.messaging.consumer.EventHandler;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** StockCommitted (sent once the payment was authorised) → CONFIRMED. */
@Component
public class StockCommittedHandler implements EventHandler<StockCommitted> {

  private final CheckoutSaga saga;

  public StockCommittedHandler(CheckoutSaga saga) {
    this.saga = saga;
  }

  @Override
  public Class<StockCommitted> eventType() {
    return StockCommitted.class;
  }

  @Override
  public Mono<Void> handle(StockCommitted event) {
    return saga.stockCommitted(event.orderId());
  }
}
