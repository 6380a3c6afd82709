package dev.storefront.orders.saga;

import dev.storefront.events.inventory.StockReleased;
import dev.storefront.messaging.consumer.EventHandler;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * StockReleased of an order not paid yet → CANCELLED. A release because the payment failed is left
 * to PaymentFailed, which caused it and carries the reason: taking it here would end the order
 * CANCELLED or PAYMENT_FAILED depending on which topic happened to be read first.
 */
@Component
public class StockReleasedHandler implements EventHandler<StockReleased> {

  private final CheckoutSaga saga;

  public StockReleasedHandler(CheckoutSaga saga) {
    this.saga = saga;
  }

  @Override
  public Class<StockReleased> eventType() {
    return StockReleased.class;
  }

  @Override
  public Mono<Void> handle(StockReleased event) {
    if (StockReleased.PAYMENT_FAILED.equals(event.reason())) {
      return Mono.empty();
    }
    return saga.stockReleased(event.orderId(), event.reason() == null ? "unknown" : event.reason());
  }
}
