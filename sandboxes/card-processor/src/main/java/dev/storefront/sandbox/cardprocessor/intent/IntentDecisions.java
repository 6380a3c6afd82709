package dev.storefront.sandbox.cardprocessor.intent;

import dev.storefront.sandbox.cardprocessor.fault.CurrentBehaviour;
import io.micrometer.context.ContextSnapshot;
import io.micrometer.context.ContextSnapshotFactory;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Decides a new intent the way a card network would, some time after it was created: declined with
 * the decline rate in force at that moment, else succeeded; then the merchant is told.
 */
@Component
public class IntentDecisions {

  private static final Logger log = LoggerFactory.getLogger(IntentDecisions.class);
  private static final double JITTER = 0.25;

  private final IntentStore store;
  private final CurrentBehaviour behaviour;
  private final ApplicationEventPublisher events;
  private final ContextSnapshotFactory snapshots = ContextSnapshotFactory.builder().build();

  public IntentDecisions(
      IntentStore store, CurrentBehaviour behaviour, ApplicationEventPublisher events) {
    this.store = store;
    this.behaviour = behaviour;
    this.events = events;
  }

  /** Decides the intent after the configured latency, ± up to 25 %, without blocking the caller. */
  public void schedule(String intentId) {
    long latency = behaviour.get().latencyMs();
    long jitter = (long) (latency * JITTER);
    long delay = latency + ThreadLocalRandom.current().nextLong(-jitter, jitter + 1);
    // The decision and its webhook belong to the trace of the request that created the intent
    // (as a real processor's would to the merchant's request id): its span is restored for them.
    ContextSnapshot creatingRequest = snapshots.captureAll();
    Mono.delay(Duration.ofMillis(delay))
        .subscribe(tick -> creatingRequest.wrap(() -> decide(intentId)).run());
  }

  private void decide(String intentId) {
    boolean declined = ThreadLocalRandom.current().nextDouble() < behaviour.get().declineRate();
    // Only a processing intent is decided, atomically: a cancel that came first wins.
    store
        .decide(
            intentId,
            declined ? IntentStatus.failed : IntentStatus.succeeded,
            declined ? "card_declined" : null)
        .ifPresent(decided -> {
          log.info(
              "payment intent {} (reference {}) {}",
              decided.id(),
              decided.reference(),
              decided.status());
          events.publishEvent(IntentEvent.decided(decided));
        });
  }
}
