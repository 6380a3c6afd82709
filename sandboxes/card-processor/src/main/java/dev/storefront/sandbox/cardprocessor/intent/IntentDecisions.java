package dev.storefront.sandbox.cardprocessor.intent;

import dev.storefront.sandbox.cardprocessor.fault.CurrentBehaviour;
import dev.storefront.sandbox.cardprocessor.webhook.WebhookSender;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Decides a new intent after the configured latency (±25 %): declined with the decline rate in
 * force then, else succeeded; then tells the merchant by webhook. A cancelled intent stays
 * cancelled: the decision is a transition from processing only.
 */
@Component
public class IntentDecisions {

  private final IntentStore store;
  private final CurrentBehaviour behaviour;
  private final WebhookSender webhooks;

  public IntentDecisions(IntentStore store, CurrentBehaviour behaviour, WebhookSender webhooks) {
    this.store = store;
    this.behaviour = behaviour;
    this.webhooks = webhooks;
  }

  public void schedule(PaymentIntent intent) {
    long latency = behaviour.get().latencyMs();
    long jitter = latency / 4;
    long delay =
        Math.max(
            0,
            latency + (jitter > 0 ? ThreadLocalRandom.current().nextLong(-jitter, jitter + 1) : 0));
    Mono.delay(Duration.ofMillis(delay)).subscribe(tick -> decide(intent.id()));
  }

  void decide(String intentId) {
    boolean declined = ThreadLocalRandom.current().nextDouble() < behaviour.get().declineRate();
    store
        .transition(
            intentId,
            List.of(IntentStatus.processing),
            declined ? IntentStatus.failed : IntentStatus.succeeded,
            declined ? "card_declined" : null)
        .ifPresent(decided ->
            webhooks.send(
                declined ? "payment_intent.payment_failed" : "payment_intent.succeeded", decided));
  }
}
