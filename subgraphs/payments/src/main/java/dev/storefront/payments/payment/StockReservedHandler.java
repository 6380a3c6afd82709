package dev.storefront.payments.payment;

import dev.storefront.messaging.AfterCommit;
import dev.storefront.messaging.Event;
import dev.storefront.messaging.consumer.EventHandler;
import dev.storefront.messaging.consumer.PoisonEventException;
import dev.storefront.payments.processor.ProcessorSettings;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * StockReserved → a PENDING payment for the order's total. The processor is not called here (no
 * HTTP inside a transaction): {@link PaymentProcessing} picks the payment up once it is committed.
 */
@Component
public class StockReservedHandler implements EventHandler {

  private final DatabaseClient db;
  private final ProcessorSettings settings;
  private final PaymentProcessing processing;

  public StockReservedHandler(
      DatabaseClient db, ProcessorSettings settings, PaymentProcessing processing) {
    this.db = db;
    this.settings = settings;
    this.processing = processing;
  }

  @Override
  public String source() {
    return "inventory";
  }

  @Override
  public Set<String> eventTypes() {
    return Set.of("StockReserved");
  }

  @Override
  public Mono<Void> handle(Event event) {
    JsonNode total = event.payload().path("total");
    BigDecimal amount;
    try {
      amount = new BigDecimal(total.path("amount").asString());
    } catch (RuntimeException e) {
      throw new PoisonEventException("StockReserved " + event.aggregateId() + " has no total");
    }
    String currency = total.path("currencyCode").asString();
    if (amount.signum() <= 0 || currency == null || currency.length() != 3) {
      throw new PoisonEventException("StockReserved " + event.aggregateId() + " has a bad total");
    }
    return AfterCommit.run(() -> Mono.fromRunnable(processing::wakeUp))
        .then(
            db.sql(
                    "INSERT INTO payments (id, order_id, user_id, amount, currency_code, status, deadline_at)"
                        + " VALUES (:id, :orderId, :userId, :amount, :currency, 'PENDING', :deadline)"
                        + " ON CONFLICT (order_id) DO NOTHING")
                .bind("id", UUID.randomUUID())
                .bind("orderId", UUID.fromString(event.aggregateId()))
                .bind("userId", event.payload().path("userId").asString())
                .bind("amount", amount)
                .bind("currency", currency)
                .bind("deadline", OffsetDateTime.now(ZoneOffset.UTC).plus(settings.deadline()))
                .then());
  }
}
