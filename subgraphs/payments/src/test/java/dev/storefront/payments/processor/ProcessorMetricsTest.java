package dev.storefront.payments.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.testsupport.ServiceTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Calls to a processor that is not there (nothing listens on port 9) are timed, attempt by attempt,
 * with their outcome; the circuit breaker's state is published by resilience4j's Micrometer binder.
 * Both appear in the Prometheus scrape under the names the dashboards use.
 */
@ServiceTest
@TestPropertySource(properties = "payments.processor.url=http://127.0.0.1:9")
class ProcessorMetricsTest {

  @Autowired ResilientCardProcessor processor;
  @Autowired MeterRegistry meters;
  @Autowired WebTestClient web;

  @Test
  void failedAttemptsAreTimedByOperationAndOutcomeAndTheBreakerStateIsPublished() {
    CallOutcome outcome = processor.getIntent("pi_metrics_test").block();

    assertThat(outcome).isNotNull();
    assertThat(outcome.intent()).isNull();
    var failed =
        meters.find(ProcessorCallTimer.NAME).tag("operation", "get").timers().stream()
            .filter(t -> !"ok".equals(t.getId().getTag("outcome")))
            .mapToLong(t -> t.count())
            .sum();
    assertThat(failed).isGreaterThanOrEqualTo(1);

    String scrape =
        web.get()
            .uri("/actuator/prometheus")
            .exchange()
            .expectStatus()
            .isOk()
            .expectBody(String.class)
            .returnResult()
            .getResponseBody();
    assertThat(scrape)
        .contains("storefront_processor_call_seconds_bucket{")
        .contains("operation=\"get\"")
        .containsPattern(
            "resilience4j_circuitbreaker_state\\{[^}]*name=\"cardProcessor\"[^}]*state=\"closed\"");
  }
}
