package dev.storefront.payments.webhook;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Mono;

/**
 * Signed webhooks refused for naming a payment that is not theirs: a row in {@code
 * refused_webhooks} for an operator, a warning and the counter {@code payments.webhooks.refused}.
 */
@Repository
class RefusedWebhooks {

  private static final Logger log = LoggerFactory.getLogger(RefusedWebhooks.class);

  private final DatabaseClient db;
  private final Counter refused;

  RefusedWebhooks(DatabaseClient db, MeterRegistry meters) {
    this.db = db;
    this.refused =
        Counter.builder("payments.webhooks.refused")
            .description("signed card processor webhooks that did not match the payment they named")
            .register(meters);
  }

  Mono<Void> record(String eventId, String type, IntentClaim claim, String reason) {
    log.warn(
        "refused card processor webhook {} ({}) for order {}: {}",
        IntentClaim.stored(eventId),
        IntentClaim.stored(type),
        claim.orderId(),
        reason);
    refused.increment();
    var insert =
        db.sql(
                "INSERT INTO refused_webhooks"
                    + " (event_id, type, order_id, intent_id, amount, currency, reason)"
                    + " VALUES (:event, :type, :order, :intent, :amount, :currency, :reason)")
            .bind("event", IntentClaim.stored(eventId))
            .bind("type", IntentClaim.stored(type))
            .bind("order", claim.orderId())
            .bind("reason", reason);
    insert = bindNullable(insert, "intent", IntentClaim.stored(claim.intentId()));
    insert = bindNullable(insert, "amount", IntentClaim.stored(claim.amount()));
    insert = bindNullable(insert, "currency", IntentClaim.stored(claim.currency()));
    return insert.then();
  }

  private static DatabaseClient.GenericExecuteSpec bindNullable(
      DatabaseClient.GenericExecuteSpec spec, String name, String value) {
    return value == null ? spec.bindNull(name, String.class) : spec.bind(name, value);
  }
}
