package dev.storefront.bff.web.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.bff.web.BffWebTest;
import dev.storefront.bff.web.StubRouter;
import dev.storefront.bff.web.session.SessionCookies;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

class OrderStatusStreamTest extends BffWebTest {

  static final String ORDER = "9bbc534d-9257-4824-b8f9-db6cedf656a4";

  @LocalServerPort int port;

  static String order(String status, String... history) {
    var changes = new StringBuilder();
    for (int i = 0; i < history.length; i += 2) {
      if (!changes.isEmpty()) {
        changes.append(',');
      }
      changes.append("{\"status\":\"%s\",\"at\":\"%s\"}".formatted(history[i], history[i + 1]));
    }
    return """
    {"data":{"orderStatusChanged":{"id":"%s","status":"%s","statusHistory":[%s],\
    "failureReason":null}}}\
    """
        .formatted(ORDER, status, changes);
  }

  @Test
  void theStreamRelaysEachStatusOnceAndEndsWhenFinal() {
    Browser browser = signIn();
    String pending = order("PENDING", "PENDING", "2026-11-25T08:08:15.835Z");
    String reserved =
        order(
            "RESERVED",
            "PENDING",
            "2026-11-25T08:08:15.835Z",
            "RESERVED",
            "2026-11-25T08:08:16.528Z");
    String confirmed =
        order(
            "CONFIRMED",
            "PENDING",
            "2026-11-25T08:08:15.835Z",
            "RESERVED",
            "2026-11-25T08:08:16.528Z",
            "AUTHORIZED",
            "2026-11-25T08:08:17.231Z",
            "CONFIRMED",
            "2026-11-25T08:08:17.355Z");
    ROUTER.answer(
        id("OrderStatus"),
        StubRouter.events(
            Duration.ofMillis(100), pending, reserved, reserved, confirmed, confirmed));

    List<ServerSentEvent<JsonNode>> events = stream(browser);

    assertThat(events).extracting(ServerSentEvent::event).containsOnly("status");
    assertThat(events)
        .extracting(e -> e.data().path("status").asString() + " " + e.data().path("at").asString())
        .containsExactly(
            "PENDING 2026-11-25T08:08:15.835Z",
            "RESERVED 2026-11-25T08:08:16.528Z",
            "CONFIRMED 2026-11-25T08:08:17.355Z");

    var call = ROUTER.calls(id("OrderStatus")).getFirst();
    assertThat(call.header("authorization")).isEqualTo("Bearer " + browser.tokens().accessToken());
    assertThat(call.header("accept")).contains("text/event-stream");
    assertThat(call.variables().path("orderId").asString()).isEqualTo(ORDER);
    assertThat(call.body().has("query")).isFalse();
  }

  @Test
  void aStatusTheHistoryDoesNotShowYetIsStampedWhenReceived() {
    Browser browser = signIn();
    String reserved =
        order(
            "RESERVED",
            "PENDING",
            "2026-11-25T08:08:15.835Z",
            "RESERVED",
            "2026-11-25T08:08:16.528Z");
    // The router's event can carry the new status before its history entry.
    String confirmedEarly =
        order(
            "CONFIRMED",
            "PENDING",
            "2026-11-25T08:08:15.835Z",
            "RESERVED",
            "2026-11-25T08:08:16.528Z");
    ROUTER.answer(
        id("OrderStatus"), StubRouter.events(Duration.ofMillis(50), reserved, confirmedEarly));
    Instant before = Instant.now();

    List<ServerSentEvent<JsonNode>> events = stream(browser);

    assertThat(events).hasSize(2);
    JsonNode confirmed = events.getLast().data();
    assertThat(confirmed.path("status").asString()).isEqualTo("CONFIRMED");
    assertThat(Instant.parse(confirmed.path("at").asString())).isBetween(before, Instant.now());
  }

  @Test
  void aFailureAfterTheFirstEventIsAnErrorEventAndTheEnd() {
    Browser browser = signIn();
    String reserved = order("RESERVED", "RESERVED", "2026-11-25T08:08:16.528Z");
    String failure =
        """
        {"errors":[{"message":"Subscription error","path":["orderStatusChanged"],\
        "extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}\
        """;
    ROUTER.answer(
        id("OrderStatus"), StubRouter.events(Duration.ofMillis(50), reserved, failure, reserved));

    List<ServerSentEvent<JsonNode>> events = stream(browser);

    assertThat(events).extracting(ServerSentEvent::event).containsExactly("status", "error");
    assertThat(events.getLast().data().path("status").asInt()).isEqualTo(500);
    assertThat(events.getLast().data().path("code").asString()).isEqualTo("INTERNAL_SERVER_ERROR");
    assertThat(events.getLast().data().toString()).doesNotContain("Subscription error");
  }

  List<ServerSentEvent<JsonNode>> stream(Browser browser) {
    return statusEvents(port, browser).collectList().block(Duration.ofSeconds(20));
  }

  /** The browser's status stream of {@link #ORDER}, named events only (no keep-alives). */
  static Flux<ServerSentEvent<JsonNode>> statusEvents(int port, Browser browser) {
    return WebClient.create("http://127.0.0.1:" + port)
        .get()
        .uri("/orders/{id}/status-stream", ORDER)
        .cookie(SessionCookies.NAME, browser.cookie())
        .accept(MediaType.TEXT_EVENT_STREAM)
        .retrieve()
        .bodyToFlux(new ParameterizedTypeReference<ServerSentEvent<JsonNode>>() {})
        .filter(event -> event.event() != null);
  }

  @Test
  void withoutASessionTheStreamIs401() {
    web.get()
        .uri("/orders/{id}/status-stream", ORDER)
        .accept(MediaType.TEXT_EVENT_STREAM)
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentType(MediaType.APPLICATION_PROBLEM_JSON);
    assertThat(ROUTER.calls()).isEmpty();
  }

  @Test
  void someoneElsesOrderIs404() {
    Browser browser = signIn();
    ROUTER.answer(
        id("OrderStatus"),
        StubRouter.events(
            Duration.ZERO,
            """
            {"errors":[{"message":"Subscription error","path":["orderStatusChanged"],\
            "extensions":{"code":"DOWNSTREAM_SERVICE_ERROR","serviceName":"orders"}}]}\
            """));
    ROUTER.answer(
        id("Order"),
        StubRouter.json(
            """
            {"data":{"order":null},"errors":[{"message":"There is no such order.",\
            "path":["order"],"extensions":{"code":"NOT_FOUND"}}]}\
            """));

    expectProblem(
        web.get()
            .uri("/orders/{id}/status-stream", ORDER)
            .cookie(SessionCookies.NAME, browser.cookie())
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange(),
        HttpStatus.NOT_FOUND,
        "NOT_FOUND");
  }
}
