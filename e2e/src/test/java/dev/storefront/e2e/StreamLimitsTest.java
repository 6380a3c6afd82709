package dev.storefront.e2e;

import static dev.storefront.e2e.Commerce.checkout;
import static dev.storefront.e2e.Commerce.fillCart;
import static dev.storefront.e2e.Commerce.ok;
import static dev.storefront.e2e.Commerce.setStock;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Order status streams are bounded: a user holds at most {@code ROUTER_MAX_STREAMS_PER_USER} (5)
 * open through the router and 3 through bff-web, and a stream ends when its session signs out. (The
 * end at the token's expiry is tested in the router's and bff-web's own tests: the platform's
 * tokens live 15 minutes.)
 *
 * <p>A stream stays open only while its order is not final, so each test places an order whose
 * payment the card processor sandbox leaves undecided for about a minute.
 */
class StreamLimitsTest {

  static final int ROUTER_CAP =
      Integer.parseInt(System.getProperty("storefront.router.max-streams-per-user", "5"));
  static final int BFF_WEB_CAP =
      Integer.parseInt(System.getProperty("storefront.bff-web.max-status-streams-per-user", "3"));
  static final String PRODUCT = "9991";

  private final List<Stream> opened = new ArrayList<>();

  @AfterEach
  void closeStreamsAndRestoreTheSandbox() {
    opened.forEach(Stream::close);
    Commerce.sandboxDefaults();
  }

  /** An open event stream: its status, the first event's lines, and the rest until it ends. */
  record Stream(
      int status, List<String> head, BufferedReader reader, InputStream body, HttpClient client) {

    /** The client goes away: its connection is closed (each stream has a client of its own). */
    void close() {
      try {
        body.close();
      } catch (IOException ignored) {
        // already closed
      }
      client.shutdownNow();
    }

    String headText() {
      return String.join("\n", head);
    }

    /**
     * The lines until the server ends the stream; fails when it is still open after {@code wait}.
     */
    List<String> rest(Duration wait) throws Exception {
      return CompletableFuture.supplyAsync(
              () -> {
                List<String> lines = new ArrayList<>();
                try {
                  for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.add(line);
                  }
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
                return lines;
              })
          .get(wait.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  /**
   * Sends the request and reads up to the first event with data (or to the end of a refusal that is
   * not a stream).
   */
  private Stream open(HttpRequest request) throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    HttpResponse<InputStream> response =
        client.send(request, HttpResponse.BodyHandlers.ofInputStream());
    var reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
    List<String> head = new ArrayList<>();
    for (String line = reader.readLine(); line != null; line = reader.readLine()) {
      head.add(line);
      if (line.startsWith("data:") && line.length() > 6) {
        break;
      }
    }
    var stream = new Stream(response.statusCode(), head, reader, response.body(), client);
    opened.add(stream);
    return stream;
  }

  private Stream throughRouter(String user, String orderId) throws Exception {
    String body = Commerce.orderStatusSubscription(orderId);
    return open(
        HttpRequest.newBuilder(Router.URL)
            .timeout(Duration.ofSeconds(60))
            .header("content-type", "application/json")
            .header("accept", "text/event-stream")
            .header("authorization", "Bearer " + Accounts.token(user))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private Stream throughBffWeb(BffWebTest.Session session, String orderId) throws Exception {
    return open(
        HttpRequest.newBuilder(BffWebTest.BFF.resolve("/orders/" + orderId + "/status-stream"))
            .timeout(Duration.ofSeconds(60))
            .header("accept", "text/event-stream")
            .header("cookie", session.cookie())
            .GET()
            .build());
  }

  /** An order of {@code user} that stays RESERVED for about a minute (its payment undecided). */
  private static String undecidedOrder(String user) {
    setStock(PRODUCT, 100);
    Commerce.sandbox("{\"latencyMs\": 60000}");
    fillCart(user, PRODUCT, 1);
    String orderId = ok(checkout(user, Commerce.newKey())).at("/checkout/id").asString();
    JsonNode order = Commerce.order(user, orderId);
    assertThat(order.path("status").asString()).as("%s", order).isNotIn(Commerce.FINAL);
    return orderId;
  }

  private static void assertOpenWithStatus(Stream stream) {
    assertThat(stream.status()).as(stream.headText()).isEqualTo(200);
    assertThat(stream.headText()).containsPattern("\"status\":\"(PENDING|RESERVED|AUTHORIZED)\"");
  }

  @Test
  void throughTheRouterTheStreamOverTheCapIsRefusedAndClosingOneLetsANewOneOpen() throws Exception {
    String user = "941";
    String orderId = undecidedOrder(user);
    List<Stream> streams = new ArrayList<>();
    for (int i = 0; i < ROUTER_CAP; i++) {
      streams.add(throughRouter(user, orderId));
    }
    streams.forEach(StreamLimitsTest::assertOpenWithStatus);

    Stream extra = throughRouter(user, orderId);
    assertThat(extra.status()).as(extra.headText()).isEqualTo(429);
    assertThat(extra.headText()).contains("\"code\":\"TOO_MANY_REQUESTS\"");
    assertThat(extra.headText()).doesNotContain("orderStatusChanged\":{");

    // Another user's streams are not counted against this one.
    assertOpenWithStatus(throughRouter("942", undecidedOrder("942")));

    streams.getFirst().close();
    Stream again = null;
    for (long until = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        System.nanoTime() < until; ) {
      again = throughRouter(user, orderId);
      if (again.status() == 200) {
        break;
      }
      again.close();
      Commerce.sleep(250);
    }
    assertThat(again).isNotNull();
    assertOpenWithStatus(again);
  }

  @Test
  void throughBffWebAUserHoldsAtMostThreeStreamsAndSigningOutEndsThem() throws Exception {
    String user = "943";
    String orderId = undecidedOrder(user);
    BffWebTest.Session session = BffWebTest.login(user);
    List<Stream> streams = new ArrayList<>();
    for (int i = 0; i < BFF_WEB_CAP; i++) {
      streams.add(throughBffWeb(session, orderId));
    }
    streams.forEach(StreamLimitsTest::assertOpenWithStatus);
    assertThat(streams.getFirst().headText()).contains("event:status");

    Stream extra = throughBffWeb(session, orderId);
    assertThat(extra.status()).as(extra.headText()).isEqualTo(429);
    assertThat(extra.headText()).contains("\"code\":\"TOO_MANY_REQUESTS\"");

    var logout = BffWebTest.postInSession(session, "/auth/logout", "{}", Map.of());
    assertThat(logout.statusCode()).isEqualTo(204);

    for (Stream stream : streams) {
      String rest = String.join("\n", stream.rest(Duration.ofSeconds(8)));
      assertThat(rest).contains("event:error").contains("\"code\":\"UNAUTHENTICATED\"");
    }
    // A reconnect after the logout is refused.
    Stream reconnect = throughBffWeb(session, orderId);
    assertThat(reconnect.status()).isEqualTo(401);
  }
}
