package dev.storefront.sandbox.cardprocessor.fault;

import dev.storefront.sandbox.cardprocessor.SandboxSettings;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

@Component
public class CurrentBehaviour {

  private final SandboxSettings settings;
  private final AtomicReference<Behaviour> current = new AtomicReference<>();

  public CurrentBehaviour(SandboxSettings settings) {
    this.settings = settings;
    reset();
  }

  public Behaviour get() {
    return current.get();
  }

  public Behaviour change(Behaviour.BehaviourChange change) {
    return current.updateAndGet(b -> b.with(change));
  }

  public void reset() {
    current.set(
        new Behaviour(
            settings.latencyMs(),
            settings.apiLatencyMs(),
            settings.declineRate(),
            settings.errorRate(),
            settings.outage(),
            settings.webhookUrl()));
  }
}
