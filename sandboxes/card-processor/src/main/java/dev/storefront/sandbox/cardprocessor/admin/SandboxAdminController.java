package dev.storefront.sandbox.cardprocessor.admin;

import dev.storefront.sandbox.cardprocessor.fault.Behaviour;
import dev.storefront.sandbox.cardprocessor.fault.CurrentBehaviour;
import dev.storefront.sandbox.cardprocessor.intent.IntentStatus;
import dev.storefront.sandbox.cardprocessor.intent.IntentStore;
import dev.storefront.sandbox.cardprocessor.intent.PaymentIntent;
import dev.storefront.sandbox.cardprocessor.webhook.WebhookSender;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** For tests and demos: change the behaviour, look at what was charged, start over. */
@RestController
@RequestMapping("/sandbox")
public class SandboxAdminController {

  private final CurrentBehaviour behaviour;
  private final IntentStore store;
  private final WebhookSender webhooks;

  public SandboxAdminController(
      CurrentBehaviour behaviour, IntentStore store, WebhookSender webhooks) {
    this.behaviour = behaviour;
    this.store = store;
    this.webhooks = webhooks;
  }

  @GetMapping("/config")
  public Behaviour config() {
    return behaviour.get();
  }

  @PutMapping("/config")
  public Behaviour change(@RequestBody Behaviour.BehaviourChange change) {
    return behaviour.change(change);
  }

  @GetMapping("/payment_intents")
  public List<PaymentIntent> intents(@RequestParam(required = false) String reference) {
    return store.all(reference);
  }

  @GetMapping("/stats")
  public Map<String, Long> stats() {
    Map<IntentStatus, Long> byStatus = new EnumMap<>(IntentStatus.class);
    long[] total = {0};
    store.forEach(intent -> {
      total[0]++;
      byStatus.merge(intent.status(), 1L, Long::sum);
    });
    Map<String, Long> stats = new LinkedHashMap<>();
    stats.put("intents", total[0]);
    for (IntentStatus status : IntentStatus.values()) {
      stats.put(status.name(), byStatus.getOrDefault(status, 0L));
    }
    stats.put("webhooksDelivered", webhooks.delivered());
    stats.put("webhooksFailedAttempts", webhooks.failedAttempts());
    return stats;
  }

  @PostMapping("/reset")
  public Behaviour reset() {
    store.clear();
    behaviour.reset();
    return behaviour.get();
  }
}
