package dev.storefront.sandbox.cardprocessor.webhook;

import dev.storefront.sandbox.cardprocessor.fault.CurrentBehaviour;
import dev.storefront.sandbox.cardprocessor.intent.IntentEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells the merchant about an intent's outcome by POSTing a signed event to the webhook URL in
 * force at each attempt. Until the merchant answers 2xx the same event is redelivered after 1 s, 2
 * s, 4 s, ... (8 attempts in all), each attempt signed afresh so its timestamp is current. Delivery
 * runs in the background: nobody waits for it.
 */
@Component
public class WebhookSender {

  private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
  private static final int ATTEMPTS = 8;
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
  private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);

  private final WebClient web;
  private final CurrentBehaviour behaviour;
  private final WebhookSigner signer;
  private final JsonMapper json;
  private final Clock clock = Clock.systemUTC();
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failedAttempts = new AtomicLong();
  // Emits once on reset; deliveries started before it stop retrying.
  private final AtomicReference<Sinks.One<Boolean>> resetSignal =
      new AtomicReference<>(Sinks.one());

  public WebhookSender(
      WebClient.Builder web, CurrentBehaviour behaviour, WebhookSigner signer, JsonMapper json) {
    this.web = web.build();
    this.behaviour = behaviour;
    this.signer = signer;
    this.json = json;
  }

  @EventListener
  public void send(IntentEvent intentEvent) {
    WebhookEvent event = WebhookEvent.of(intentEvent, clock.instant());
    String body = json.writeValueAsString(event);
    Mono.defer(() -> attempt(body))
        .doOnError(e -> failedAttempts.incrementAndGet())
        // No jitter: the schedule is part of the sandbox's documented contract.
        .retryWhen(Retry.backoff(ATTEMPTS - 1, FIRST_BACKOFF).jitter(0))
        .takeUntilOther(resetSignal.get().asMono())
        .subscribe(
            ok -> delivered.incrementAndGet(),
            e ->
                log.warn(
                    "gave up on webhook {} ({} for {}) after {} attempts: {}",
                    event.id(),
                    event.type(),
                    intentEvent.intent().id(),
                    ATTEMPTS,
                    e.getCause() != null ? e.getCause().toString() : e.toString()));
  }

  private Mono<Boolean> attempt(String body) {
    return web.post()
        .uri(behaviour.get().webhookUrl())
        .contentType(MediaType.APPLICATION_JSON)
        .header(
            WebhookSigner.HEADER, signer.signatureHeader(clock.instant().getEpochSecond(), body))
        .bodyValue(body)
        .retrieve()
        .toBodilessEntity()
        .timeout(ATTEMPT_TIMEOUT)
        .thenReturn(true);
  }

  public long delivered() {
    return delivered.get();
  }

  public long failedAttempts() {
    return failedAttempts.get();
  }

  /** Abandons deliveries still being retried and zeroes the counters: a fresh start for tests. */
  public void reset() {
    resetSignal.getAndSet(Sinks.one()).tryEmitValue(true);
    delivered.set(0);
    failedAttempts.set(0);
  }
}
