package dev.storefront.payments.payment;

import dev.storefront.events.inventory.StockReserved;
import dev.storefront.messaging.AfterCommit;
import dev.storefront.messaging.consumer.EventHandler;
import dev.storefront.messaging.consumer.PoisonEventException;
import dev.storefront.payments.processor.ProcessorSettings;
import java.math.BigDecimal;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * StockReserved → a PENDING payment for the order's total, unless the order was cancelled first.
 * The processor is not called here (no HTTP inside a transaction): {@link PaymentProcessing} picks
 * the payment up once it is committed.
 */
@Component
public class StockReservedHandler implements EventHandler<StockReserved> {

  private final PaymentRows payments;
  private final ProcessorSettings settings;
  private final PaymentProcessing processing;

  public StockReservedHandler(
      PaymentRows payments, ProcessorSettings settings, PaymentProcessing processing) {
    this.payments = payments;
    this.settings = settings;
    this.processing = processing;
  }

  @Override
  public Class<StockReserved> eventType() {
    return StockReserved.class;
  }

  @Override
  public Mono<Void> handle(StockReserved event) {
    if (event.total() == null || event.total().amount() == null) {
      throw new PoisonEventException("StockReserved " + event.orderId() + " has no total");
    }
    BigDecimal amount;
    try {
      amount = event.total().decimal();
    } catch (NumberFormatException e) {
      throw new PoisonEventException("StockReserved " + event.orderId() + " has a bad total");
    }
    String currency = event.total().currencyCode();
    if (amount.signum() <= 0 || currency == null || currency.length() != 3) {
      throw new PoisonEventException("StockReserved " + event.orderId() + " has a bad total");
    }
    return AfterCommit.run(() -> Mono.fromRunnable(processing::wakeUp))
        .then(
            payments.create(event.orderId(), event.userId(), amount, currency, settings.deadline()))
        .then();
  }
}
