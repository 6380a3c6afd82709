package dev.storefront.payments.webhook;

import dev.storefront.payments.payment.PaymentOutcomes;
import dev.storefront.payments.processor.ProcessorSettings;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The card processor's webhooks: verified (signature and timestamp), deduplicated by event id, and
 * applied to the payment named by the intent's reference (the order id) only when the intent,
 * amount and currency are that payment's own; a mismatch is recorded and answered 409, changing
 * nothing. A 2xx tells the processor to stop redelivering; anything else makes it try again later.
 */
@RestController
public class ProcessorWebhookController {

  public static final String SIGNATURE_HEADER = "Sandbox-Signature";
  private static final Logger log = LoggerFactory.getLogger(ProcessorWebhookController.class);

  private final WebhookSignature signature;
  private final PaymentOutcomes outcomes;
  private final RefusedWebhooks refused;
  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final JsonMapper json;
  private final Clock clock;

  public ProcessorWebhookController(
      ProcessorSettings settings,
      PaymentOutcomes outcomes,
      RefusedWebhooks refused,
      DatabaseClient db,
      TransactionalOperator tx,
      JsonMapper json) {
    this.signature = new WebhookSignature(settings.webhookSecret(), settings.webhookTolerance());
    this.outcomes = outcomes;
    this.refused = refused;
    this.db = db;
    this.tx = tx;
    this.json = json;
    this.clock = Clock.systemUTC();
  }

  @PostMapping(path = "/webhooks/card-processor", consumes = "application/json")
  public Mono<ResponseEntity<Map<String, String>>> receive(
      @RequestHeader(name = SIGNATURE_HEADER, required = false) String header,
      @RequestBody(required = false) String body) {
    String raw = body == null ? "" : body;
    String problem = signature.problemWith(header, raw, clock.instant());
    if (problem != null) {
      log.warn("refused a card processor webhook: {}", problem);
      return Mono.just(reply(HttpStatus.BAD_REQUEST, problem));
    }
    JsonNode event;
    try {
      event = json.readTree(raw);
    } catch (RuntimeException e) {
      return Mono.just(reply(HttpStatus.BAD_REQUEST, "body is not JSON"));
    }
    String eventId = event.path("id").asString(null);
    String type = event.path("type").asString("");
    JsonNode intent = event.path("data").path("object");
    UUID orderId;
    try {
      orderId = UUID.fromString(intent.path("reference").asString(""));
    } catch (IllegalArgumentException e) {
      return Mono.just(reply(HttpStatus.BAD_REQUEST, "the intent's reference is not an order id"));
    }
    if (eventId == null || eventId.isBlank()) {
      return Mono.just(reply(HttpStatus.BAD_REQUEST, "event id missing"));
    }
    IntentClaim claim = IntentClaim.from(orderId, intent);
    Mono<Boolean> apply =
        switch (type) {
          case "payment_intent.succeeded" -> outcomes.authorize(orderId, claim.intentId());
          case "payment_intent.payment_failed" ->
              outcomes.fail(
                  orderId,
                  claim.intentId(),
                  intent.path("failure_code").asString("payment_failed"));
          default -> Mono.just(false); // canceled: only ever on our own request
        };
    return paymentOf(orderId)
        .map(payment -> {
          if (payment.intentId() == null) {
            // The intent's creation is not recorded yet: the processor redelivers later.
            return Mono.just(reply(HttpStatus.CONFLICT, "the payment has no intent yet"));
          }
          String mismatch =
              claim.mismatchWith(payment.intentId(), payment.amount(), payment.currency());
          if (mismatch != null) {
            return refused
                .record(eventId, type, claim, mismatch)
                .thenReturn(reply(HttpStatus.CONFLICT, mismatch));
          }
          return tx.transactional(
                  firstDelivery(eventId, type)
                      .flatMap(first -> first ? apply.thenReturn(true) : Mono.just(false)))
              .map(first -> reply(HttpStatus.OK, first ? "processed" : "already processed"));
        })
        // Not known (yet): the processor redelivers later.
        .defaultIfEmpty(Mono.just(reply(HttpStatus.CONFLICT, "no payment for this order yet")))
        .flatMap(answer -> answer);
  }

  private record PaymentOfRecord(String intentId, BigDecimal amount, String currency) {}

  private Mono<PaymentOfRecord> paymentOf(UUID orderId) {
    return db.sql("SELECT intent_id, amount, currency_code FROM payments WHERE order_id = :orderId")
        .bind("orderId", orderId)
        .map(row ->
            new PaymentOfRecord(
                row.get("intent_id", String.class),
                row.get("amount", BigDecimal.class),
                row.get("currency_code", String.class)))
        .one();
  }

  private Mono<Boolean> firstDelivery(String eventId, String type) {
    return db.sql(
            "INSERT INTO processor_webhook_events (event_id, type) VALUES (:id, :type)"
                + " ON CONFLICT DO NOTHING")
        .bind("id", eventId)
        .bind("type", type)
        .fetch()
        .rowsUpdated()
        .map(n -> n == 1);
  }

  private static ResponseEntity<Map<String, String>> reply(HttpStatus status, String message) {
    return ResponseEntity.status(status).body(Map.of("result", message));
  }
}
