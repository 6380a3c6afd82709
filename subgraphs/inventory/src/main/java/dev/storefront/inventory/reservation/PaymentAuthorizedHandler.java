package dev.storefront.inventory.reservation;

import dev.storefront.events.payments.PaymentAuthorized;
import dev.storefront.messaging.consumer.EventHandler;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** PaymentAuthorized → the held units are sold (StockCommitted). */
@Component
public class PaymentAuthorizedHandler implements EventHandler<PaymentAuthorized> {

  private final StockReservations reservations;

  public PaymentAuthorizedHandler(StockReservations reservations) {
    this.reservations = reservations;
  }

  @Override
  public Class<PaymentAuthorized> eventType() {
    return PaymentAuthorized.class;
  }

  @Override
  public Mono<Void> handle(PaymentAuthorized event) {
    return reservations.commit(event.orderId());
  }
}
