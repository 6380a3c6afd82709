package dev.storefront.sandbox.cardprocessor.webhook;

import dev.storefront.sandbox.cardprocessor.SandboxSettings;
import dev.storefront.sandbox.cardprocessor.fault.CurrentBehaviour;
import dev.storefront.sandbox.cardprocessor.intent.PaymentIntent;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tells the merchant about an intent's outcome: POST of the event, signed {@code Sandbox-Signature:
 * t=<unix seconds>,v1=<hex HMAC-SHA256("t.body")>}. Redelivered with backoff (1 s, 2 s, 4 s, ...; 8
 * attempts) until the merchant answers 2xx, with the same event id each time.
 */
@Component
public class WebhookSender {

  private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
  private static final int ATTEMPTS = 8;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final WebClient web;
  private final CurrentBehaviour behaviour;
  private final byte[] secret;
  private final JsonMapper json;
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong failedAttempts = new AtomicLong();

  public WebhookSender(
      WebClient.Builder web,
      CurrentBehaviour behaviour,
      SandboxSettings settings,
      JsonMapper json) {
    this.web = web.build();
    this.behaviour = behaviour;
    this.secret = settings.webhookSecret().getBytes(StandardCharsets.UTF_8);
    this.json = json;
  }

  public void send(String type, PaymentIntent intent) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("id", "evt_" + HexFormat.of().formatHex(RANDOM.generateSeed(12)));
    event.put("type", type);
    event.put("created", Instant.now().getEpochSecond());
    event.put("data", Map.of("object", intent));
    String body = json.writeValueAsString(event);
    Mono.defer(() -> deliver(body))
        .doOnError(e -> failedAttempts.incrementAndGet())
        .retryWhen(
            Retry.backoff(ATTEMPTS - 1, Duration.ofSeconds(1)).maxBackoff(Duration.ofMinutes(1)))
        .subscribe(
            ok -> delivered.incrementAndGet(),
            e ->
                log.warn(
                    "webhook {} for {} given up after {} attempts: {}",
                    type,
                    intent.id(),
                    ATTEMPTS,
                    e.toString()));
  }

  private Mono<String> deliver(String body) {
    String timestamp = String.valueOf(Instant.now().getEpochSecond());
    return web.post()
        .uri(behaviour.get().webhookUrl())
        .contentType(MediaType.APPLICATION_JSON)
        .header("Sandbox-Signature", "t=" + timestamp + ",v1=" + sign(timestamp + "." + body))
        .bodyValue(body)
        .retrieve()
        .bodyToMono(String.class)
        .defaultIfEmpty("")
        .timeout(Duration.ofSeconds(10));
  }

  public long delivered() {
    return delivered.get();
  }

  public long failedAttempts() {
    return failedAttempts.get();
  }

  private String sign(String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
