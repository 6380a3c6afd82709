package dev.storefront.inventory.reservation;

import dev.storefront.events.inventory.StockReleased;
import dev.storefront.events.payments.PaymentFailed;
import dev.storefront.messaging.consumer.EventHandler;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** PaymentFailed → the held units are available again (StockReleased PAYMENT_FAILED). */
@Component
public class PaymentFailedHandler implements EventHandler<PaymentFailed> {

  private final StockReservations reservations;

  public PaymentFailedHandler(StockReservations reservations) {
    this.reservations = reservations;
  }

  @Override
  public Class<PaymentFailed> eventType() {
    return PaymentFailed.class;
  }

  @Override
  public Mono<Void> handle(PaymentFailed event) {
    return reservations.release(event.orderId(), StockReleased.PAYMENT_FAILED).then();
  }
}
