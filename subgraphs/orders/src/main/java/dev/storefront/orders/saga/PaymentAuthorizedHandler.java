package dev.storefront.orders.saga;

import dev.storefront.events.payments.PaymentAuthorized;
import dev.storefront.messaging.consumer.EventHandler;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** PaymentAuthorized → AUTHORIZED (inventory commits the stock on the same event). */
@Component
public class PaymentAuthorizedHandler implements EventHandler<PaymentAuthorized> {

  private final CheckoutSaga saga;

  public PaymentAuthorizedHandler(CheckoutSaga saga) {
    this.saga = saga;
  }

  @Override
  public Class<PaymentAuthorized> eventType() {
    return PaymentAuthorized.class;
  }

  @Override
  public Mono<Void> handle(PaymentAuthorized event) {
    return saga.paymentAuthorized(event.orderId());
  }
}
