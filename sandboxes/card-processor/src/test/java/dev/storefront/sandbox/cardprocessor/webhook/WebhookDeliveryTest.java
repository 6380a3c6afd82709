package dev.storefront.sandbox.cardprocessor.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storefront.sandbox.cardprocessor.SandboxTest;
import dev.storefront.sandbox.cardprocessor.WebhookReceiver;
import dev.storefront.sandbox.cardprocessor.WebhookReceiver.Delivery;
import dev.storefront.sandbox.cardprocessor.WebhookSignatures;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WebhookDeliveryTest extends SandboxTest {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private WebhookReceiver merchant;

  @BeforeEach
  void startMerchant() {
    merchant = WebhookReceiver.start();
  }

  @AfterEach
  void stopMerchant() {
    merchant.close();
  }

  @Test
  void aWebhookAnswered500IsRedeliveredWithBackoffUntilTheMerchantAccepts() {
    merchant.answerNext(500, 500);
    configure(Map.of("webhookUrl", merchant.url(), "latencyMs", 0));
    String id = created("key-1", "12.34", "order-1").path("id").asString();

    await().atMost(PATIENCE).until(() -> stats().path("webhooksDelivered").asLong() == 1);
    List<Delivery> attempts = merchant.deliveriesFor(id);
    assertThat(attempts).extracting(Delivery::answered).containsExactly(500, 500, 200);
    // One event, redelivered unchanged; each attempt carries a valid signature.
    assertThat(attempts).extracting(Delivery::body).containsOnly(attempts.getFirst().body());
    assertThat(attempts)
        .allSatisfy(attempt ->
            assertThat(
                    WebhookSignatures.verifiedTimestamp(
                        attempt.signature(), attempt.body(), WEBHOOK_SECRET))
                .isPositive());
    // Backoff of 1 s, then 2 s (lower bounds only, with a little slack for clock granularity).
    assertThat(Duration.between(attempts.get(0).at(), attempts.get(1).at()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(900));
    assertThat(Duration.between(attempts.get(1).at(), attempts.get(2).at()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(1_900));

    var stats = stats();
    assertThat(stats.path("webhooksDelivered").asLong()).isEqualTo(1);
    assertThat(stats.path("webhooksFailedAttempts").asLong()).isEqualTo(2);
  }

  @Test
  void anUnreachableMerchantIsRetriedAtTheWebhookUrlInForceAtEachAttempt() {
    configure(Map.of("latencyMs", 0));
    String id = created("key-1", "12.34", "order-1").path("id").asString();
    // Nothing listens at the default URL in tests: the first attempt fails to connect.
    await().atMost(PATIENCE).until(() -> stats().path("webhooksFailedAttempts").asLong() >= 1);

    configure(Map.of("webhookUrl", merchant.url()));
    await().atMost(PATIENCE).until(() -> stats().path("webhooksDelivered").asLong() == 1);
    assertThat(merchant.deliveriesFor(id))
        .singleElement()
        .extracting(Delivery::eventType)
        .isEqualTo("payment_intent.succeeded");
  }
}
