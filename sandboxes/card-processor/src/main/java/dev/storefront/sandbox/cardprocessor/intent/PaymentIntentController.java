package dev.storefront.sandbox.cardprocessor.intent;

import dev.storefront.sandbox.cardprocessor.fault.FaultInjection;
import dev.storefront.sandbox.cardprocessor.webhook.WebhookSender;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** The merchant-facing API (authentication is checked by {@link ApiKeyFilter}). */
@RestController
@RequestMapping("/v1/payment_intents")
public class PaymentIntentController {

  private final IntentStore store;
  private final IntentDecisions decisions;
  private final FaultInjection faults;
  private final WebhookSender webhooks;

  public PaymentIntentController(
      IntentStore store, IntentDecisions decisions, FaultInjection faults, WebhookSender webhooks) {
    this.store = store;
    this.decisions = decisions;
    this.faults = faults;
    this.webhooks = webhooks;
  }

  @PostMapping
  public Mono<ResponseEntity<PaymentIntent>> create(
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @RequestBody(required = false) CreateIntentRequest body) {
    return faults.around(
        Mono.fromSupplier(() -> {
          if (key == null || key.isBlank() || key.length() > 255) {
            throw ApiError.invalid("the Idempotency-Key header is required (1 to 255 characters)");
          }
          if (body == null) {
            throw ApiError.invalid("a JSON body with amount, currency and reference is required");
          }
          IntentStore.Created created = store.create(key, body.validated());
          if (created.isNew()) {
            decisions.schedule(created.intent());
            return ResponseEntity.status(HttpStatus.CREATED).body(created.intent());
          }
          return ResponseEntity.ok()
              .header("Idempotent-Replayed", "true")
              .body(store.get(created.intent().id()).orElseThrow());
        }));
  }

  @GetMapping("/{id}")
  public Mono<PaymentIntent> get(@PathVariable String id) {
    return faults.around(Mono.fromSupplier(() -> find(id)));
  }

  /** Stops a processing intent, or voids a succeeded one (an authorisation, not yet captured). */
  @PostMapping("/{id}/cancel")
  public Mono<PaymentIntent> cancel(@PathVariable String id) {
    return faults.around(
        Mono.fromSupplier(() -> {
          PaymentIntent intent = find(id);
          if (intent.status() == IntentStatus.failed) {
            throw new ApiError(409, "invalid_request_error", "intent already failed");
          }
          return store
              .transition(
                  id,
                  List.of(IntentStatus.processing, IntentStatus.succeeded),
                  IntentStatus.canceled,
                  null)
              .map(cancelled -> {
                webhooks.send("payment_intent.canceled", cancelled);
                return cancelled;
              })
              .orElseGet(() -> find(id));
        }));
  }

  private PaymentIntent find(String id) {
    return store
        .get(id)
        .orElseThrow(
            () -> new ApiError(404, "invalid_request_error", "no such payment intent: " + id));
  }
}
