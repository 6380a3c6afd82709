package dev.storefront.sandbox.cardprocessor.intent;

import dev.storefront.sandbox.cardprocessor.api.ApiError;
import dev.storefront.sandbox.cardprocessor.fault.FaultInjection;
import org.springframework.context.ApplicationEventPublisher;
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

/**
 * The merchant-facing API (the API key is checked by {@code ApiKeyFilter}). Each call runs inside
 * {@link FaultInjection}; the body is read inside it too, so an outage refuses even a malformed
 * request without looking at it.
 */
@RestController
@RequestMapping("/v1/payment_intents")
public class PaymentIntentController {

  private static final int MAX_IDEMPOTENCY_KEY_LENGTH = 255;

  private final IntentStore store;
  private final IntentDecisions decisions;
  private final FaultInjection faults;
  private final ApplicationEventPublisher events;

  public PaymentIntentController(
      IntentStore store,
      IntentDecisions decisions,
      FaultInjection faults,
      ApplicationEventPublisher events) {
    this.store = store;
    this.decisions = decisions;
    this.faults = faults;
    this.events = events;
  }

  @PostMapping
  public Mono<ResponseEntity<PaymentIntent>> create(
      @RequestHeader(name = "Idempotency-Key", required = false) String key,
      @RequestBody(required = false) Mono<CreateIntentRequest> body) {
    return faults.around(
        body.switchIfEmpty(Mono.error(() -> ApiError.invalid("a JSON body is required")))
            // handle(): the request's span is a thread-local there, for the decision to capture.
            .handle((request, next) -> next.next(create(key, request))));
  }

  private ResponseEntity<PaymentIntent> create(String key, CreateIntentRequest request) {
    if (key == null || key.isBlank() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
      throw ApiError.invalid(
          "the Idempotency-Key header is required (1 to "
              + MAX_IDEMPOTENCY_KEY_LENGTH
              + " characters)");
    }
    IntentStore.Creation creation = store.create(key, request.validated());
    if (creation.isNew()) {
      decisions.schedule(creation.intent().id());
      return ResponseEntity.status(HttpStatus.CREATED).body(creation.intent());
    }
    return ResponseEntity.ok().header("Idempotent-Replayed", "true").body(creation.intent());
  }

  @GetMapping("/{id}")
  public Mono<PaymentIntent> get(@PathVariable String id) {
    return faults.around(Mono.fromSupplier(() -> find(id)));
  }

  /**
   * Cancelling is idempotent by nature (a second cancel finds the intent cancelled and answers the
   * same), so an {@code Idempotency-Key} is accepted but not needed.
   */
  @PostMapping("/{id}/cancel")
  public Mono<PaymentIntent> cancel(@PathVariable String id) {
    return faults.around(Mono.fromSupplier(() -> cancelIntent(id)));
  }

  private PaymentIntent cancelIntent(String id) {
    IntentStore.Cancellation cancellation = store.cancel(id).orElseThrow(() -> unknown(id));
    if (cancellation.refused()) {
      throw ApiError.conflict("invalid_request_error", "intent already failed");
    }
    if (cancellation.justCanceled()) {
      events.publishEvent(IntentEvent.canceled(cancellation.intent()));
    }
    return cancellation.intent();
  }

  private PaymentIntent find(String id) {
    return store.get(id).orElseThrow(() -> unknown(id));
  }

  private static ApiError unknown(String id) {
    return ApiError.notFound("no such payment intent: " + id);
  }
}
