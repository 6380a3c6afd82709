package dev.storefront.payments.payment;

import dev.storefront.events.orders.OrderCancelled;
import dev.storefront.messaging.AfterCommit;
import dev.storefront.messaging.consumer.EventHandler;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * OrderCancelled → the order's payment is stopped (PENDING) or voided (AUTHORIZED) by {@link
 * PaymentProcessing}, outside this transaction; an order without a payment yet is remembered, so a
 * late StockReserved creates none.
 */
@Component
public class OrderCancelledHandler implements EventHandler<OrderCancelled> {

  private final PaymentRows payments;
  private final PaymentProcessing processing;

  public OrderCancelledHandler(PaymentRows payments, PaymentProcessing processing) {
    this.payments = payments;
    this.processing = processing;
  }

  @Override
  public Class<OrderCancelled> eventType() {
    return OrderCancelled.class;
  }

  @Override
  public Mono<Void> handle(OrderCancelled event) {
    return AfterCommit.run(() -> Mono.fromRunnable(processing::wakeUp))
        .then(payments.requestCancellation(event.orderId(), event.reason()))
        .then();
  }
}
