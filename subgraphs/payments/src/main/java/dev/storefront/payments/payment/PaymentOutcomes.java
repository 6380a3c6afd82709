package dev.storefront.payments.payment;

import dev.storefront.events.Amount;
import dev.storefront.events.payments.PaymentAuthorized;
import dev.storefront.events.payments.PaymentFailed;
import dev.storefront.events.payments.PaymentVoided;
import dev.storefront.messaging.outbox.Outbox;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * A payment's final state and its event, in one transaction. Only a PENDING payment is authorised
 * or failed, so a webhook and the reconciler deciding the same payment at once record one outcome
 * and one event, and nothing moves a payment once it failed or was voided.
 */
@Component
public class PaymentOutcomes {

  /** The failure reason of a payment stopped because its order was cancelled. */
  public static final String ORDER_CANCELLED = "order_cancelled";

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final Outbox outbox;

  public PaymentOutcomes(DatabaseClient db, TransactionalOperator tx, Outbox outbox) {
    this.db = db;
    this.tx = tx;
    this.outbox = outbox;
  }

  /**
   * True when this call authorised it. A payment whose order was cancelled is not: the processing
   * loop cancels its intent instead (voiding the authorisation), and it fails.
   */
  public Mono<Boolean> authorize(UUID orderId, String intentId) {
    return tx.transactional(
        db.sql(
                "UPDATE payments SET status = 'AUTHORIZED', intent_id = :intent, updated_at = now(),"
                    + " leased_until = NULL WHERE order_id = :orderId AND status = 'PENDING'"
                    + " AND NOT cancel_requested RETURNING id, amount::text AS amount, currency_code")
            .bind("intent", intentId)
            .bind("orderId", orderId)
            .map(row ->
                new PaymentAuthorized(
                    orderId,
                    row.get("id", UUID.class),
                    intentId,
                    new Amount(
                        row.get("amount", String.class), row.get("currency_code", String.class))))
            .one()
            .flatMap(event -> outbox.record(event).thenReturn(true))
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
            .map(row -> row.get("id", UUID.class))
            .one()
            .flatMap(paymentId ->
                outbox.record(new PaymentFailed(orderId, paymentId, reason)).thenReturn(true))
            .defaultIfEmpty(false));
  }

  /** An authorisation voided at the processor: VOIDED. True when this call voided it. */
  public Mono<Boolean> voided(UUID orderId, String reason) {
    return tx.transactional(
        db.sql(
                "UPDATE payments SET status = 'VOIDED', failure_reason = :reason,"
                    + " updated_at = now() WHERE order_id = :orderId AND status = 'AUTHORIZED'"
                    + " RETURNING id")
            .bind("reason", reason)
            .bind("orderId", orderId)
            .map(row -> row.get("id", UUID.class))
            .one()
            .flatMap(paymentId ->
                outbox.record(new PaymentVoided(orderId, paymentId, reason)).thenReturn(true))
            .defaultIfEmpty(false));
  }
}
