package dev.storefront.orders.saga;

import dev.storefront.events.payments.PaymentFailed;
import dev.storefront.messaging.consumer.EventHandler;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** PaymentFailed → PAYMENT_FAILED (inventory releases the stock on the same event). */
@Component
public class PaymentFailedHandler implements EventHandler<PaymentFailed> {

  private final CheckoutSaga saga;

  public PaymentFailedHandler(CheckoutSaga saga) {
    this.saga = saga;
  }

  @Override
  public Class<PaymentFailed> eventType() {
    return PaymentFailed.class;
  }

  @Override
  public Mono<Void> handle(PaymentFailed event) {
    return saga.paymentFailed(event.orderId(), event.reason());
  }
}
