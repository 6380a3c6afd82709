package dev.storefront.sandbox.cardprocessor.fault;

import dev.storefront.sandbox.cardprocessor.SandboxSettings;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * The behaviour in force, swapped as a whole so a request never sees half of a change. Starts from
 * (and resets to) the {@code sandbox.*} settings.
 */
@Component
public class CurrentBehaviour {

  private final Behaviour initial;
  private final AtomicReference<Behaviour> current;

  public CurrentBehaviour(SandboxSettings settings) {
    this.initial =
        new Behaviour(
            settings.latencyMs(),
            settings.apiLatencyMs(),
            settings.declineRate(),
            settings.errorRate(),
            settings.outage(),
            settings.webhookUrl());
    this.current = new AtomicReference<>(initial);
  }

  public Behaviour get() {
    return current.get();
  }

  public Behaviour change(BehaviourChange change) {
    return current.updateAndGet(behaviour -> behaviour.with(change));
  }

  public Behaviour reset() {
    current.set(initial);
    return initial;
  }
}
