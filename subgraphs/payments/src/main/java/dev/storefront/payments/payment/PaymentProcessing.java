package dev.storefront.payments.payment;

import dev.storefront.messaging.PollingLoop;
import dev.storefront.payments.processor.CallOutcome;
import dev.storefront.payments.processor.PaymentIntent;
import dev.storefront.payments.processor.ProcessorCallException;
import dev.storefront.payments.processor.ProcessorSettings;
import dev.storefront.payments.processor.ResilientCardProcessor;
import dev.storefront.service.database.SqlStatementCounter;
import dev.storefront.telemetry.StoredTraceContext;
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
 * Drives payments to an outcome. A due payment is leased (its next attempt pushed back, {@code
 * leased_until} set) so that only one instance works on it, then:
 *
 * <ul>
 *   <li>without an intent: the intent is created (idempotency key = payment id). A call that
 *       certainly did not reach the processor (circuit open, 503, connection refused) fails the
 *       payment at once — checkouts fail fast while the processor is down. A call that may have
 *       reached it (500, timeout) is repeated later with the same key until the processor answers:
 *       only then can the payment fail without risking a charge nobody knows about;
 *   <li>with an intent and no webhook for a while: the intent is read, in case the webhook got
 *       lost;
 *   <li>past the deadline: the intent is cancelled and the payment fails as timed_out;
 *   <li>its order cancelled: a PENDING payment's intent is cancelled (first found with the same key
 *       when an earlier call may have created it) and the payment fails as order_cancelled; an
 *       AUTHORIZED one is voided at the processor (VOIDED).
 * </ul>
 */
@Component
public class PaymentProcessing extends PollingLoop {

  private static final Logger log = LoggerFactory.getLogger(PaymentProcessing.class);
  private static final Duration LEASE = Duration.ofSeconds(30);
  private static final Duration REFUSED_RETRY = Duration.ofHours(1);

  record Due(
      UUID id,
      UUID orderId,
      String status,
      BigDecimal amount,
      String currency,
      String intentId,
      boolean outcomeUnknown,
      boolean cancelRequested,
      int attempts,
      OffsetDateTime deadline,
      String traceParent) {

    boolean pastDeadline() {
      return OffsetDateTime.now(ZoneOffset.UTC).isAfter(deadline);
    }

    boolean authorized() {
      return "AUTHORIZED".equals(status);
    }

    String cancelKey() {
      return id + "-cancel";
    }
  }

  private final DatabaseClient db;
  private final ResilientCardProcessor processor;
  private final PaymentOutcomes outcomes;
  private final ProcessorSettings settings;
  private final StoredTraceContext traces;

  public PaymentProcessing(
      DatabaseClient db,
      ResilientCardProcessor processor,
      PaymentOutcomes outcomes,
      ProcessorSettings settings,
      StoredTraceContext traces) {
    super(
        "payment processing",
        settings.pollInterval(),
        Duration.ofSeconds(1),
        Duration.ofSeconds(1));
    this.db = db;
    this.processor = processor;
    this.outcomes = outcomes;
    this.settings = settings;
    this.traces = traces;
  }

  @Override
  public Mono<Integer> step() {
    return lease().flatMap(this::advance, 8).count().map(Long::intValue);
  }

  private Flux<Due> lease() {
    return db.sql(
            SqlStatementCounter.BACKGROUND
                + "UPDATE payments SET next_attempt_at = now() + make_interval(secs => :lease),"
                + " leased_until = now() + make_interval(secs => :lease),"
                + " attempts = attempts + 1 WHERE id IN (SELECT id FROM payments"
                + " WHERE (status = 'PENDING' OR (status = 'AUTHORIZED' AND cancel_requested))"
                + " AND next_attempt_at <= now()"
                + " ORDER BY next_attempt_at LIMIT 32 FOR UPDATE SKIP LOCKED)"
                + " RETURNING id, order_id, status, amount, currency_code, intent_id,"
                + " outcome_unknown, cancel_requested, attempts, deadline_at, trace_parent")
        .bind("lease", (double) LEASE.toSeconds())
        .map(row ->
            new Due(
                row.get("id", UUID.class),
                row.get("order_id", UUID.class),
                row.get("status", String.class),
                row.get("amount", BigDecimal.class),
                row.get("currency_code", String.class),
                row.get("intent_id", String.class),
                Boolean.TRUE.equals(row.get("outcome_unknown", Boolean.class)),
                Boolean.TRUE.equals(row.get("cancel_requested", Boolean.class)),
                row.get("attempts", Integer.class),
                row.get("deadline_at", OffsetDateTime.class),
                row.get("trace_parent", String.class)))
        .all();
  }

  /** Each payment's work continues the trace of the checkout that asked for it. */
  private Mono<Void> advance(Due payment) {
    return traces.resume(payment.traceParent(), "payment processing", attempt(payment));
  }

  private Mono<Void> attempt(Due payment) {
    Mono<Void> work;
    if (payment.cancelRequested()) {
      work = stop(payment);
    } else if (payment.intentId() == null) {
      work = create(payment);
    } else {
      work = reconcile(payment, payment.intentId());
    }
    return work.onErrorResume(e -> {
      log.warn("payment {} for order {}: {}", payment.id(), payment.orderId(), e.toString());
      return retryIn(payment, Duration.ofSeconds(2), payment.outcomeUnknown());
    });
  }

  private Mono<Void> create(Due payment) {
    return createIntent(payment)
        .flatMap(outcome -> {
          if (outcome.answered()) {
            return recordIntent(payment.id(), outcome.intent().id())
                .then(apply(payment, outcome.intent()));
          }
          if (outcome.certainlyNotProcessed() && !payment.outcomeUnknown()) {
            return outcomes.fail(payment.orderId(), null, outcome.failureReason()).then();
          }
          // Maybe processed: ask again (same key) until the processor can say what it did.
          return retryIn(payment, backoff(payment.attempts()), true);
        });
  }

  private Mono<Void> reconcile(Due payment, String intentId) {
    return processor
        .getIntent(intentId)
        .flatMap(outcome ->
            outcome.answered()
                ? apply(payment, outcome.intent())
                : retryIn(payment, backoff(payment.attempts()), false));
  }

  /** Acts on what the processor says about the intent. */
  private Mono<Void> apply(Due payment, PaymentIntent intent) {
    if (intent.succeeded() && !payment.pastDeadline()) {
      // Refused when the order was cancelled meanwhile: the next lease voids the authorisation.
      return outcomes
          .authorize(payment.orderId(), intent.id())
          .flatMap(
              authorized -> authorized ? Mono.empty() : retryIn(payment, Duration.ZERO, false));
    }
    if (intent.failed()) {
      return outcomes.fail(payment.orderId(), intent.id(), failureReason(intent, null)).then();
    }
    if (payment.pastDeadline()) {
      // Too late to confirm the order: void the authorisation (or stop the pending one) first.
      return processor
          .cancelIntent(intent.id(), payment.cancelKey())
          .flatMap(cancelled ->
              cancelled.answered() && cancelled.intent().failed()
                  ? outcomes.fail(payment.orderId(), intent.id(), "timed_out").then()
                  : retryIn(payment, backoff(payment.attempts()), false));
    }
    // Still processing: the webhook will decide; if it never comes, ask again later.
    return retryIn(payment, settings.reconcileAfter(), false);
  }

  /** The order was cancelled: nothing may stay charged or held at the processor. */
  private Mono<Void> stop(Due payment) {
    if (payment.authorized()) {
      return processor
          .cancelIntent(payment.intentId(), payment.cancelKey())
          .flatMap(outcome -> {
            if (outcome.answered() && "canceled".equals(outcome.intent().status())) {
              return outcomes.voided(payment.orderId(), PaymentOutcomes.ORDER_CANCELLED).then();
            }
            return retryUnlessRefused(payment, payment.intentId(), outcome);
          });
    }
    if (payment.intentId() != null) {
      return cancelPending(payment, payment.intentId());
    }
    if (!payment.outcomeUnknown()) {
      // No call ever reached the processor: there is nothing to cancel there.
      return outcomes.fail(payment.orderId(), null, PaymentOutcomes.ORDER_CANCELLED).then();
    }
    // An earlier call may have created the intent: the same key finds it (or creates it now,
    // to be cancelled at once), so none is left behind.
    return createIntent(payment)
        .flatMap(outcome ->
            outcome.answered()
                ? recordIntent(payment.id(), outcome.intent().id())
                    .then(cancelPending(payment, outcome.intent().id()))
                : retryIn(payment, backoff(payment.attempts()), true));
  }

  private Mono<Void> cancelPending(Due payment, String intentId) {
    return processor
        .cancelIntent(intentId, payment.cancelKey())
        .flatMap(outcome -> {
          if (outcome.answered() && outcome.intent().failed()) {
            return failCancelled(payment, outcome.intent());
          }
          if (!outcome.answered() && rejected(outcome)) {
            // The processor refuses to cancel an intent that failed on its own: read why.
            return processor
                .getIntent(intentId)
                .flatMap(read -> {
                  if (read.answered() && read.intent().failed()) {
                    return failCancelled(payment, read.intent());
                  }
                  return retryUnlessRefused(payment, intentId, read);
                });
          }
          return retryIn(payment, backoff(payment.attempts()), false);
        });
  }

  /**
   * Asks again after the usual backoff, unless the processor refuses, with a 4xx, to cancel or even
   * show the intent (a sandbox that was restarted forgets its intents): asking again every few
   * seconds would never change the answer and only burn CPU and the processor's rate limit, so the
   * payment is parked and asked about hourly while someone looks (runbook: "A void the processor
   * refuses").
   */
  private Mono<Void> retryUnlessRefused(Due payment, String intentId, CallOutcome outcome) {
    if (!rejected(outcome)) {
      return retryIn(payment, backoff(payment.attempts()), false);
    }
    log.error(
        "the card processor refuses to cancel intent {} of payment {} (order {}, cancelled): {};"
            + " asking again in {}",
        intentId,
        payment.id(),
        payment.orderId(),
        outcome.failure() == null ? "no reason" : outcome.failure().getMessage(),
        REFUSED_RETRY);
    return retryIn(payment, REFUSED_RETRY, false);
  }

  private Mono<Void> failCancelled(Due payment, PaymentIntent intent) {
    return outcomes
        .fail(
            payment.orderId(), intent.id(), failureReason(intent, PaymentOutcomes.ORDER_CANCELLED))
        .then();
  }

  private Mono<CallOutcome> createIntent(Due payment) {
    return processor.createIntent(
        payment.id().toString(),
        payment.amount(),
        payment.currency(),
        payment.orderId().toString());
  }

  private static boolean rejected(CallOutcome outcome) {
    return outcome.failure() instanceof ProcessorCallException p
        && p.kind() == ProcessorCallException.Kind.REJECTED;
  }

  /** A declined intent's own code; a cancelled one's {@code ifCancelled} (or its status). */
  private static String failureReason(PaymentIntent intent, String ifCancelled) {
    if (intent.failureCode() != null) {
      return intent.failureCode();
    }
    return ifCancelled != null && "canceled".equals(intent.status())
        ? ifCancelled
        : intent.status();
  }

  private Mono<Void> recordIntent(UUID paymentId, String intentId) {
    return db.sql(
            "UPDATE payments SET intent_id = :intent, outcome_unknown = false, updated_at = now()"
                + " WHERE id = :id AND intent_id IS NULL")
        .bind("intent", intentId)
        .bind("id", paymentId)
        .then();
  }

  /**
   * Ends this instance's work on the payment: next attempt after {@code delay}, or at once when its
   * order was cancelled while it worked.
   */
  private Mono<Void> retryIn(Due payment, Duration delay, boolean outcomeUnknown) {
    String next =
        payment.cancelRequested()
            ? "now() + make_interval(secs => :delay)"
            : "CASE WHEN cancel_requested THEN now() ELSE now() + make_interval(secs => :delay) END";
    return db.sql(
            "UPDATE payments SET next_attempt_at = "
                + next
                + ", leased_until = NULL, outcome_unknown = outcome_unknown OR :unknown,"
                + " updated_at = now() WHERE id = :id AND (status = 'PENDING' OR cancel_requested)")
        .bind("delay", delay.toMillis() / 1000.0)
        .bind("unknown", outcomeUnknown)
        .bind("id", payment.id())
        .then();
  }

  private static Duration backoff(int attempts) {
    return Duration.ofMillis(Math.min(10_000, 500L << Math.min(attempts, 5)));
  }
}
