package dev.storefront.sandbox.cardprocessor.webhook;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.storefront.sandbox.cardprocessor.RandomIds;
import dev.storefront.sandbox.cardprocessor.intent.IntentEvent;
import dev.storefront.sandbox.cardprocessor.intent.PaymentIntent;
import java.time.Instant;

/**
 * The body of a webhook; its id stays the same across redeliveries so merchants can deduplicate.
 */
@JsonPropertyOrder({"id", "type", "created", "data"})
public record WebhookEvent(String id, String type, long created, Data data) {

  public record Data(PaymentIntent object) {}

  static WebhookEvent of(IntentEvent event, Instant now) {
    return new WebhookEvent(
        RandomIds.next("evt"), event.type(), now.getEpochSecond(), new Data(event.intent()));
  }
}
