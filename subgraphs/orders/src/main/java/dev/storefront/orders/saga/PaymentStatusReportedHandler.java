package dev.storefront.orders.saga;

import dev.storefront.events.payments.PaymentStatusReported;
import dev.storefront.messaging.consumer.EventHandler;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Payments' answer about a stalled order, taken as if the payment's own event had arrived. NONE and
 * PENDING: nothing (the deadline acts); VOIDED only follows a cancellation.
 */
@Component
public class PaymentStatusReportedHandler implements EventHandler<PaymentStatusReported> {

  private final CheckoutSaga saga;

  public PaymentStatusReportedHandler(CheckoutSaga saga) {
    this.saga = saga;
  }

  @Override
  public Class<PaymentStatusReported> eventType() {
    return PaymentStatusReported.class;
  }

  @Override
  public Mono<Void> handle(PaymentStatusReported report) {
    return switch (report.status() == null ? "" : report.status()) {
      case PaymentStatusReported.AUTHORIZED -> saga.paymentAuthorized(report.orderId());
      case PaymentStatusReported.FAILED -> saga.paymentFailed(report.orderId(), report.reason());
      default -> Mono.empty();
    };
  }
}
