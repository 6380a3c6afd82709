package dev.storefront.bff.web.subscription;

import static dev.storefront.bff.web.subscription.OrderStatusStreamTest.ORDER;
import static dev.storefront.bff.web.subscription.OrderStatusStreamTest.order;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storefront.bff.web.BffWebTest;
import dev.storefront.bff.web.StubRouter;
import dev.storefront.bff.web.session.SessionCookies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.Disposable;
import tools.jackson.databind.JsonNode;

/** How long an order status stream may last and how many a user may hold open. */
class StatusStreamBoundsTest extends BffWebTest {

  /** The stubbed users all have the id 7. */
  static final String USER = "7";

  @LocalServerPort int port;
  @Autowired StatusStreamSlots slots;

  private final List<OpenStream> opened = new ArrayList<>();

  /** A stream the test holds open: the events so far, whether it ended. */
  record OpenStream(List<ServerSentEvent<JsonNode>> events, AtomicBoolean ended, Disposable body) {

    void close() {
      body.dispose();
    }

    /** The events' names once the stream has ended, waiting up to 5 s for the end. */
    List<String> eventNamesOnceEnded() {
      await().atMost(Duration.ofSeconds(5)).untilTrue(ended);
      return events.stream().map(ServerSentEvent::event).toList();
    }

    List<String> statuses() {
      return events.stream()
          .filter(e -> "status".equals(e.event()))
          .map(e -> e.data().path("status").asString())
          .toList();
    }
  }

  @AfterEach
  void closeStreams() {
    opened.forEach(OpenStream::close);
    // The slots are the application's: the next test starts with none held.
    await().atMost(Duration.ofSeconds(10)).until(() -> slots.openBy(USER) == 0);
  }

  /** Waits up to 5 s until the user holds exactly this many stream slots. */
  void awaitSlotsHeld(int count) {
    await().atMost(Duration.ofSeconds(5)).until(() -> slots.openBy(USER) == count);
  }

  /** The router's stream: PENDING now, then nothing for a minute. */
  void routerStreamStaysOpen() {
    ROUTER.answer(
        id("OrderStatus"),
        StubRouter.events(Duration.ofSeconds(60), order("PENDING"), order("CONFIRMED")));
  }

  OpenStream open(Browser browser) {
    var events = new CopyOnWriteArrayList<ServerSentEvent<JsonNode>>();
    var ended = new AtomicBoolean();
    Disposable body =
        OrderStatusStreamTest.statusEvents(port, browser)
            .doFinally(signal -> ended.set(true))
            .subscribe(events::add, error -> {});
    var stream = new OpenStream(events, ended, body);
    opened.add(stream);
    await().atMost(Duration.ofSeconds(10)).until(() -> !events.isEmpty() || ended.get());
    return stream;
  }

  WebTestClient.BodyContentSpec refused(Browser browser) {
    return expectProblem(
        web.get()
            .uri("/orders/{id}/status-stream", ORDER)
            .cookie(SessionCookies.NAME, browser.cookie())
            .accept(MediaType.TEXT_EVENT_STREAM)
            .exchange(),
        HttpStatus.TOO_MANY_REQUESTS,
        "TOO_MANY_REQUESTS");
  }

  @Test
  void aUserHoldsAtMostThreeStreamsAcrossSessionsAndAClosedOneFreesItsSlot() {
    routerStreamStaysOpen();
    Browser laptop = signIn();
    Browser phone = signIn();
    List<OpenStream> three = List.of(open(laptop), open(laptop), open(phone));
    assertThat(three).allSatisfy(s -> assertThat(s.statuses()).containsExactly("PENDING"));
    assertThat(slots.openBy(USER)).isEqualTo(3);

    refused(laptop).jsonPath("$.maxStreams").isEqualTo(3);
    refused(phone);
    assertThat(ROUTER.calls(id("OrderStatus"))).hasSize(3);

    three.getFirst().close();
    awaitSlotsHeld(2);
    OpenStream again = open(phone);
    assertThat(again.statuses()).containsExactly("PENDING");
    assertThat(again.ended()).isFalse();
  }

  @Test
  void theRoutersCapIsRelayedAs429() {
    ROUTER.answer(
        id("OrderStatus"),
        StubRouter.events(
            Duration.ZERO,
            """
            {"errors":[{"message":"Too many open streams: close one before opening another",\
            "extensions":{"code":"TOO_MANY_REQUESTS","maxStreams":5}}]}\
            """));
    Browser browser = signIn();

    refused(browser)
        .jsonPath("$.detail")
        .isEqualTo("Too many open streams: close one before opening another");
    awaitSlotsHeld(0);
  }

  @Test
  void signingOutEndsTheOpenStreamWithAnErrorEvent() {
    routerStreamStaysOpen();
    Browser browser = signIn();
    OpenStream stream = open(browser);
    assertThat(stream.statuses()).containsExactly("PENDING");
    ROUTER.answer(id("Logout"), StubRouter.json(LOGGED_OUT));

    logout(browser).exchange().expectStatus().isNoContent();

    assertThat(stream.eventNamesOnceEnded()).containsExactly("status", "error");
    JsonNode problem = stream.events().getLast().data();
    assertThat(problem.path("status").asInt()).isEqualTo(401);
    assertThat(problem.path("code").asString()).isEqualTo("UNAUTHENTICATED");
    awaitSlotsHeld(0);
  }

  @Test
  void aSessionDeletedElsewhereEndsTheStreamToo() {
    routerStreamStaysOpen();
    Browser browser = signIn();
    OpenStream stream = open(browser);

    // Another instance signed the browser out, or a refused refresh ended the session.
    redis.delete(sessionKey(browser)).block();

    assertThat(stream.eventNamesOnceEnded()).containsExactly("status", "error");
  }

  @Test
  void theStreamEndsWhenItsAccessTokenExpires() {
    routerStreamStaysOpen();
    // Expiring within refresh-ahead: the stream request refreshes first, to a token of 2 s.
    Browser browser = signIn(newTokens(2));
    Tokens refreshed = newTokens(2);
    ROUTER.answer(id("Refresh"), StubRouter.json(authPayload("refreshToken", refreshed)));
    long started = System.nanoTime();

    OpenStream stream = open(browser);

    await().atMost(Duration.ofSeconds(5)).untilTrue(stream.ended());
    Duration lasted = Duration.ofNanos(System.nanoTime() - started);
    assertThat(lasted).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(4));
    // No error event: the browser's EventSource reconnects, with a refreshed token.
    assertThat(stream.events()).extracting(ServerSentEvent::event).containsExactly("status");
    assertThat(ROUTER.calls(id("OrderStatus")).getFirst().header("authorization"))
        .isEqualTo("Bearer " + refreshed.accessToken());
  }

  @Test
  void theRoutersEndOfAStreamWhoseTokenExpiredIsAnEndNotAnError() {
    String expired =
        """
        {"errors":[{"message":"The access token has expired",\
        "extensions":{"code":"UNAUTHENTICATED"}}]}\
        """;
    ROUTER.answer(
        id("OrderStatus"),
        StubRouter.events(Duration.ofMillis(50), order("PENDING"), expired, order("CONFIRMED")));
    Browser browser = signIn();

    OpenStream stream = open(browser);

    assertThat(stream.eventNamesOnceEnded()).containsExactly("status");
    assertThat(stream.statuses()).containsExactly("PENDING");
  }
}
