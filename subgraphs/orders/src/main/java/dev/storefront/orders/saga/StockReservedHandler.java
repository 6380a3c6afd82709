package dev.storefront.orders.saga;

import dev.storefront.events.inventory.StockReserved;
import dev.storefront.messaging.consumer.EventHandler;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** StockReserved → RESERVED. */
@Component
public class StockReservedHandler implements EventHandler<StockReserved> {

  private final CheckoutSaga saga;

  public StockReservedHandler(CheckoutSaga saga) {
    this.saga = saga;
  }

  @Override
  public Class<StockReserved> eventType() {
    return StockReserved.class;
  }

  @Override
  public Mono<Void> handle(StockReserved event) {
    return saga.stockReserved(event.orderId());
  }
}
