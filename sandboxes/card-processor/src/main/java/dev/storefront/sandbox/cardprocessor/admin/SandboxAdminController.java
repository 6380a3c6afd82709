package dev.storefront.sandbox.cardprocessor.admin;

import dev.storefront.sandbox.cardprocessor.fault.Behaviour;
import dev.storefront.sandbox.cardprocessor.fault.BehaviourChange;
import dev.storefront.sandbox.cardprocessor.fault.CurrentBehaviour;
import dev.storefront.sandbox.cardprocessor.intent.IntentStatus;
import dev.storefront.sandbox.cardprocessor.intent.IntentStore;
import dev.storefront.sandbox.cardprocessor.intent.PaymentIntent;
import dev.storefront.sandbox.cardprocessor.webhook.WebhookSender;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * For tests and demos, outside the processor's API (no key, no injected faults): change the
 * behaviour, look at what was charged, start over.
 */
@RestController
@RequestMapping("/sandbox")
public class SandboxAdminController {

  private final CurrentBehaviour behaviour;
  private final IntentStore store;
  private final WebhookSender webhooks;

  private final JsonMapper json;

  public SandboxAdminController(
      CurrentBehaviour behaviour, IntentStore store, WebhookSender webhooks, JsonMapper json) {
    this.behaviour = behaviour;
    this.store = store;
    this.webhooks = webhooks;
    this.json = json;
  }

  @GetMapping("/config")
  public Behaviour config() {
    return behaviour.get();
  }

  @PutMapping("/config")
  public Behaviour change(@RequestBody JsonNode change) {
    return behaviour.change(BehaviourChange.parse(change, json));
  }

  @GetMapping("/payment_intents")
  public List<PaymentIntent> intents(@RequestParam(required = false) String reference) {
    return store.find(reference);
  }

  @GetMapping("/stats")
  public SandboxStats stats() {
    Map<IntentStatus, Long> byStatus = store.countByStatus();
    return new SandboxStats(
        byStatus.values().stream().mapToLong(Long::longValue).sum(),
        byStatus.get(IntentStatus.processing),
        byStatus.get(IntentStatus.succeeded),
        byStatus.get(IntentStatus.failed),
        byStatus.get(IntentStatus.canceled),
        webhooks.delivered(),
        webhooks.failedAttempts());
  }

  /** Forgets every intent and key, stops pending webhook redeliveries, restores the settings. */
  @PostMapping("/reset")
  public Behaviour reset() {
    webhooks.reset();
    store.clear();
    return behaviour.reset();
  }
}
