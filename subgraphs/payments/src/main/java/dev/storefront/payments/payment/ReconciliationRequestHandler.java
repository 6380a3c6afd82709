package dev.storefront.payments.payment;

import dev.storefront.events.orders.OrderReconciliationRequested;
import dev.storefront.messaging.consumer.EventHandler;
import dev.storefront.messaging.outbox.Outbox;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** OrderReconciliationRequested → the order's payment as it stands (PaymentStatusReported). */
@Component
public class ReconciliationRequestHandler implements EventHandler<OrderReconciliationRequested> {

  private final PaymentRows payments;
  private final Outbox outbox;

  public ReconciliationRequestHandler(PaymentRows payments, Outbox outbox) {
    this.payments = payments;
    this.outbox = outbox;
  }

  @Override
  public Class<OrderReconciliationRequested> eventType() {
    return OrderReconciliationRequested.class;
  }

  @Override
  public Mono<Void> handle(OrderReconciliationRequested request) {
    return payments.reportOf(request.orderId()).flatMap(outbox::record);
  }
}
