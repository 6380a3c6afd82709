package dev.storefront.payments.payment;

import dev.storefront.messaging.PollingLoop;
import dev.storefront.payments.processor.PaymentIntent;
import dev.storefront.payments.processor.ProcessorSettings;
import dev.storefront.payments.processor.ResilientCardProcessor;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Drives PENDING payments to an outcome. A due payment is leased (its next attempt pushed back) so
 * that only one instance works on it, then:
 *
 * <ul>
 *   <li>without an intent: the intent is created (idempotency key = payment id). A call that
 *       certainly did not reach the processor (circuit open, 503, connection refused) fails the
 *       payment at once — checkouts fail fast while the processor is down. A call that may have
 *       reached it (500, timeout) is repeated later with the same key until the processor answers:
 *       only then can the payment fail without risking a charge nobody knows about;
 *   <li>with an intent and no webhook for a while: the intent is read, in case the webhook got
 *       lost;
 *   <li>past the deadline: the intent is cancelled and the payment fails as timed_out.
 * </ul>
 */
@Component
public class PaymentProcessing extends PollingLoop {

  private static final Logger log = LoggerFactory.getLogger(PaymentProcessing.class);
  private static final Duration LEASE = Duration.ofSeconds(30);

  record Due(
      UUID id,
      UUID orderId,
      BigDecimal amount,
      String currency,
      String intentId,
      boolean outcomeUnknown,
      int attempts,
      OffsetDateTime deadline) {

    boolean pastDeadline() {
      return OffsetDateTime.now(ZoneOffset.UTC).isAfter(deadline);
    }
  }

  private final DatabaseClient db;
  private final ResilientCardProcessor processor;
  private final PaymentOutcomes outcomes;
  private final ProcessorSettings settings;

  public PaymentProcessing(
      DatabaseClient db,
      ResilientCardProcessor processor,
      PaymentOutcomes outcomes,
      ProcessorSettings settings) {
    super(
        "payment processing",
        settings.pollInterval(),
        Duration.ofSeconds(1),
        Duration.ofSeconds(1));
    this.db = db;
    this.processor = processor;
    this.outcomes = outcomes;
    this.settings = settings;
  }

  @Override
  public Mono<Integer> step() {
    return lease().flatMap(this::advance, 8).count().map(Long::intValue);
  }

  private Flux<Due> lease() {
    return db.sql(
            dev.storefront.service.database.SqlStatementCounter.BACKGROUND
                + "UPDATE payments SET next_attempt_at = now() + make_interval(secs => :lease),"
                + " attempts = attempts + 1 WHERE id IN (SELECT id FROM payments"
                + " WHERE status = 'PENDING' AND next_attempt_at <= now()"
                + " ORDER BY next_attempt_at LIMIT 32 FOR UPDATE SKIP LOCKED)"
                + " RETURNING id, order_id, amount, currency_code, intent_id, outcome_unknown,"
                + " attempts, deadline_at")
        .bind("lease", (double) LEASE.toSeconds())
        .map(row ->
            new Due(
                row.get("id", UUID.class),
                row.get("order_id", UUID.class),
                row.get("amount", BigDecimal.class),
                row.get("currency_code", String.class),
                row.get("intent_id", String.class),
                Boolean.TRUE.equals(row.get("outcome_unknown", Boolean.class)),
                row.get("attempts", Integer.class),
                row.get("deadline_at", OffsetDateTime.class)))
        .all();
  }

  private Mono<Void> advance(Due payment) {
    Mono<Void> work =
        payment.intentId() == null ? create(payment) : reconcile(payment, payment.intentId());
    return work.onErrorResume(e -> {
      log.warn("payment {} for order {}: {}", payment.id(), payment.orderId(), e.toString());
      return retryIn(payment.id(), Duration.ofSeconds(2), payment.outcomeUnknown());
    });
  }

  private Mono<Void> create(Due payment) {
    return processor
        .createIntent(
            payment.id().toString(),
            payment.amount(),
            payment.currency(),
            payment.orderId().toString())
        .flatMap(outcome -> {
          if (outcome.answered()) {
            return recordIntent(payment.id(), outcome.intent().id())
                .then(apply(payment, outcome.intent()));
          }
          if (outcome.certainlyNotProcessed() && !payment.outcomeUnknown()) {
            return outcomes.fail(payment.orderId(), null, outcome.failureReason()).then();
          }
          // Maybe processed: ask again (same key) until the processor can say what it did.
          return retryIn(payment.id(), backoff(payment.attempts()), true);
        });
  }

  private Mono<Void> reconcile(Due payment, String intentId) {
    return processor
        .getIntent(intentId)
        .flatMap(outcome ->
            outcome.answered()
                ? apply(payment, outcome.intent())
                : retryIn(payment.id(), backoff(payment.attempts()), false));
  }

  /** Acts on what the processor says about the intent. */
  private Mono<Void> apply(Due payment, PaymentIntent intent) {
    if (intent.succeeded() && !payment.pastDeadline()) {
      return outcomes.authorize(payment.orderId(), intent.id()).then();
    }
    if (intent.failed()) {
      String reason = intent.failureCode() != null ? intent.failureCode() : intent.status();
      return outcomes.fail(payment.orderId(), intent.id(), reason).then();
    }
    if (payment.pastDeadline()) {
      // Too late to confirm the order: void the authorisation (or stop the pending one) first.
      return processor
          .cancelIntent(intent.id(), payment.id() + "-cancel")
          .flatMap(cancelled ->
              cancelled.answered() && cancelled.intent().failed()
                  ? outcomes.fail(payment.orderId(), intent.id(), "timed_out").then()
                  : retryIn(payment.id(), backoff(payment.attempts()), false));
    }
    // Still processing: the webhook will decide; if it never comes, ask again later.
    return retryIn(payment.id(), settings.reconcileAfter(), false);
  }

  private Mono<Void> recordIntent(UUID paymentId, String intentId) {
    return db.sql(
            "UPDATE payments SET intent_id = :intent, outcome_unknown = false, updated_at = now()"
                + " WHERE id = :id AND intent_id IS NULL")
        .bind("intent", intentId)
        .bind("id", paymentId)
        .then();
  }

  private Mono<Void> retryIn(UUID paymentId, Duration delay, boolean outcomeUnknown) {
    return db.sql(
            "UPDATE payments SET next_attempt_at = now() + make_interval(secs => :delay),"
                + " outcome_unknown = outcome_unknown OR :unknown, updated_at = now()"
                + " WHERE id = :id AND status = 'PENDING'")
        .bind("delay", delay.toMillis() / 1000.0)
        .bind("unknown", outcomeUnknown)
        .bind("id", paymentId)
        .then();
  }

  private static Duration backoff(int attempts) {
    return Duration.ofMillis(Math.min(10_000, 500L << Math.min(attempts, 5)));
  }
}
