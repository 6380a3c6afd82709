package dev.storefront.payments.payment;

import dev.storefront.messaging.outbox.Outbox;
import java.util.Map;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * A payment's final state and its event, in one transaction. Only a PENDING payment moves, so a
 * webhook and the reconciler deciding the same payment at once record one outcome and one event.
 */
@Component
public class PaymentOutcomes {

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final Outbox outbox;

  public PaymentOutcomes(DatabaseClient db, TransactionalOperator tx, Outbox outbox) {
    this.db = db;
    this.tx = tx;
    this.outbox = outbox;
  }

  /** True when this call authorised it. */
  public Mono<Boolean> authorize(UUID orderId, String intentId) {
    return tx.transactional(
        db.sql(
                "UPDATE payments SET status = 'AUTHORIZED', intent_id = :intent, updated_at = now()"
                    + " WHERE order_id = :orderId AND status = 'PENDING'"
                    + " RETURNING id, amount::text AS amount, currency_code")
            .bind("intent", intentId)
            .bind("orderId", orderId)
            .map(row ->
                Map.<String, Object>of(
                    "orderId",
                    orderId.toString(),
                    "paymentId",
                    row.get("id", UUID.class).toString(),
                    "processorReference",
                    intentId,
                    "amount",
                    Map.of(
                        "amount",
                        row.get("amount", String.class),
                        "currencyCode",
                        row.get("currency_code", String.class))))
            .one()
            .flatMap(event ->
                outbox.record("PaymentAuthorized", orderId.toString(), event).thenReturn(true))
            .defaultIfEmpty(false));
  }

  /** True when this call failed it. */
  public Mono<Boolean> fail(UUID orderId, String intentId, String reason) {
    var update =
        db.sql(
                "UPDATE payments SET status = 'FAILED', failure_reason = :reason,"
                    + " intent_id = COALESCE(:intent, intent_id), updated_at = now()"
                    + " WHERE order_id = :orderId AND status = 'PENDING' RETURNING id")
            .bind("reason", reason)
            .bind("orderId", orderId);
    update =
        intentId == null
            ? update.bindNull("intent", String.class)
            : update.bind("intent", intentId);
    return tx.transactional(
        update
            .map(row -> row.get("id", UUID.class).toString())
            .one()
            .flatMap(paymentId ->
                outbox
                    .record(
                        "PaymentFailed",
                        orderId.toString(),
                        Map.of(
                            "orderId",
                            orderId.toString(),
                            "paymentId",
                            paymentId,
                            "reason",
                            reason))
                    .thenReturn(true))
            .defaultIfEmpty(false));
  }
}
