package dev.storefront.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.storefront.testsupport.SubgraphTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With publish-on-startup, the subgraph sends its schema file to the registry once ready, with its
 * own registry token.
 */
@SubgraphTest
class SchemaSelfPublishTest {

  static final BlockingQueue<String> PUBLISHED = new LinkedBlockingQueue<>();
  static final BlockingQueue<String> AUTHORIZATION = new LinkedBlockingQueue<>();
  static HttpServer registry;

  @DynamicPropertySource
  static void registry(DynamicPropertyRegistry properties) throws IOException {
    registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    registry.createContext(
        "/subgraphs/catalog/publish",
        exchange -> {
          AUTHORIZATION.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
          PUBLISHED.add(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          byte[] answer =
              "{\"status\":\"PUBLISHED\",\"message\":\"Published catalog v1\"}"
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("content-type", "application/json");
          exchange.sendResponseHeaders(200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    registry.start();
    properties.add("storefront.registry.publish-on-startup", () -> "true");
    properties.add(
        "storefront.registry.url", () -> "http://127.0.0.1:" + registry.getAddress().getPort());
    properties.add("storefront.registry.label", () -> "test-label");
    properties.add("storefront.registry.token", () -> "catalog-registry-token");
  }

  @AfterAll
  static void stopRegistry() {
    registry.stop(0);
  }

  @Test
  void publishesTheSchemaFileWithItsOwnRoutingUrlAndToken() throws InterruptedException {
    String body = PUBLISHED.poll(30, TimeUnit.SECONDS);
    assertThat(AUTHORIZATION.poll()).isEqualTo("Bearer catalog-registry-token");
    assertThat(body).isNotNull();
    assertThat(body)
        .contains("type Product @key(fields: \\\"id\\\")")
        .contains("\"label\":\"test-label\"")
        .containsPattern("\"url\":\"http://127\\.0\\.0\\.1:\\d+/graphql\"");
  }
}
