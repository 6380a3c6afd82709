package dev.storefront.sandbox.cardprocessor.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.sandbox.cardprocessor.SandboxSettings;
import dev.storefront.sandbox.cardprocessor.fault.CurrentBehaviour;
import dev.storefront.sandbox.cardprocessor.intent.IntentEvent;
import dev.storefront.sandbox.cardprocessor.intent.IntentStatus;
import dev.storefront.sandbox.cardprocessor.intent.PaymentIntent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole redelivery schedule (two minutes of real time) on a virtual clock, against a merchant
 * that always answers 500.
 */
class WebhookRedeliveryScheduleTest {

  private static final SandboxSettings SETTINGS =
      new SandboxSettings(
          "sk_test", "http://merchant.test/webhooks", "whsec_test", 0, 0, 0.0, 0.0, false, null);

  private VirtualTimeScheduler clock;
  private final List<Long> attemptSeconds = new CopyOnWriteArrayList<>();
  private WebhookSender sender;

  @BeforeEach
  void setUp() {
    clock = VirtualTimeScheduler.getOrSet();
    WebClient.Builder alwaysFailing =
        WebClient.builder()
            .exchangeFunction(request -> {
              attemptSeconds.add(clock.now(TimeUnit.SECONDS));
              return Mono.just(ClientResponse.create(HttpStatus.INTERNAL_SERVER_ERROR).build());
            });
    sender =
        new WebhookSender(
            alwaysFailing,
            new CurrentBehaviour(SETTINGS),
            new WebhookSigner(SETTINGS),
            JsonMapper.builder().build());
  }

  @AfterEach
  void tearDown() {
    VirtualTimeScheduler.reset();
  }

  @Test
  void aFailingDeliveryIsTriedEightTimesWithDoublingPausesThenGivenUp() {
    sender.send(new IntentEvent("payment_intent.succeeded", intent()));
    clock.advanceTimeBy(Duration.ofHours(1));

    assertThat(attemptSeconds).containsExactly(0L, 1L, 3L, 7L, 15L, 31L, 63L, 127L);
    assertThat(sender.failedAttempts()).isEqualTo(8);
    assertThat(sender.delivered()).isZero();
  }

  @Test
  void aResetStopsRedelivery() {
    sender.send(new IntentEvent("payment_intent.succeeded", intent()));
    clock.advanceTimeBy(Duration.ofSeconds(2));
    sender.reset();
    clock.advanceTimeBy(Duration.ofHours(1));

    assertThat(attemptSeconds).containsExactly(0L, 1L);
    assertThat(sender.failedAttempts()).isZero();
  }

  private static PaymentIntent intent() {
    return new PaymentIntent(
        "pi_test", "payment_intent", IntentStatus.succeeded, "1.00", "EUR", "order-1", 0, null);
  }
}
