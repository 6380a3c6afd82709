package dev.storefront.graphql.client;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.reactive.function.client.WebClient;

/** A read from another subgraph presents the router secret and the user's own token. */
class SubgraphClientTest {

  HttpServer subgraph;
  final AtomicReference<Headers> received = new AtomicReference<>();
  SubgraphClient client;

  @BeforeEach
  void start() throws Exception {
    subgraph = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    subgraph.createContext(
        "/graphql",
        exchange -> {
          received.set(exchange.getRequestHeaders());
          byte[] body = "{\"data\":{\"ok\":true}}".getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("content-type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    subgraph.start();
    client =
        new SubgraphClients(WebClient.builder(), "router-secret")
            .of(
                "cart",
                URI.create("http://127.0.0.1:" + subgraph.getAddress().getPort() + "/graphql"));
  }

  @AfterEach
  void stop() {
    subgraph.stop(0);
  }

  @Test
  void forwardsTheCallersTokenAndNoIdentityHeaders() {
    var data = client.query("{ ok }", Map.of(), "the.users.token").block();
    assertThat(data.path("ok").asBoolean()).isTrue();
    assertThat(received.get().getFirst("Authorization")).isEqualTo("Bearer the.users.token");
    assertThat(received.get().getFirst("X-Storefront-Router-Secret")).isEqualTo("router-secret");
    assertThat(received.get().containsKey("X-User-Id")).isFalse();
    assertThat(received.get().containsKey("X-User-Scopes")).isFalse();
  }

  @Test
  void anAnonymousReadCarriesNoToken() {
    client.query("{ ok }", Map.of(), null).block();
    assertThat(received.get().containsKey("Authorization")).isFalse();
    assertThat(received.get().getFirst("X-Storefront-Router-Secret")).isEqualTo("router-secret");
  }
}
