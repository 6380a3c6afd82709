package dev.storefront.e2e;

import static dev.storefront.e2e.JsonNodes.code;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A second router, started by this test from the same configuration with the production profile and
 * a 1 ms upstream timeout: introspection and GraphiQL are off, and failing subgraph calls do not
 * show clients the subgraphs' addresses or the requests sent to them.
 */
class ProductionRouterTest {

  static final int PORT = Integer.getInteger("storefront.e2e.production-router-port", 4100);
  static final URI URL = URI.create("http://127.0.0.1:" + PORT + "/graphql");
  static Process router;
  static Path log;

  @BeforeAll
  static void start() throws Exception {
    Path config = SchemaRegistryTest.PLATFORM.getParent().resolve("router-config");
    log = Files.createTempFile("production-router", ".log");
    var builder =
        new ProcessBuilder(
                config.resolve("node_modules/.bin/hive-gateway").toString(), "supergraph")
            .directory(config.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder
        .environment()
        .putAll(
            Map.of(
                "STOREFRONT_PROFILE", "production",
                "ROUTER_PORT", String.valueOf(PORT),
                "ROUTER_UPSTREAM_TIMEOUT_MS", "1",
                "ROUTER_LAST_KNOWN_GOOD", Files.createTempFile("supergraph", ".graphql").toString(),
                "STOREFRONT_REGISTRY_URL",
                    System.getProperty("storefront.registry.url", "http://127.0.0.1:4010"),
                "STOREFRONT_ROUTER_SHARED_SECRET", SubgraphAccessTest.secret()));
    router = builder.start();
    Instant until = Instant.now().plusSeconds(90);
    while (!ready()) {
      if (!router.isAlive() || Instant.now().isAfter(until)) {
        throw new IllegalStateException(
            "the production router did not start:\n" + Files.readString(log));
      }
      Thread.sleep(500);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    if (router != null) {
      router.destroy();
      if (!router.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
        router.destroyForcibly();
      }
    }
  }

  static boolean ready() {
    try {
      var response =
          Router.HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + "/readiness"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  static Router.Response post(String query) {
    return Router.response(
        Router.send(
            URL,
            Router.JSON.writeValueAsString(Map.of("query", query)),
            Map.of("accept", "application/graphql-response+json, application/json")));
  }

  @Test
  void introspectionIsOff() {
    var schema = post("{ __schema { types { name } } }");
    assertThat(schema.status()).isBetween(400, 499);
    assertThat(code(schema)).isEqualTo("GRAPHQL_VALIDATION_FAILED");
    assertThat(schema.raw()).doesNotContain("\"Product\"");
    var type = post("{ __type(name: \"Product\") { fields { name } } }");
    assertThat(type.raw()).doesNotContain("\"price\"");
    assertThat(code(type)).isEqualTo("GRAPHQL_VALIDATION_FAILED");
    var typename = post("{ __typename }");
    assertThat(typename.data().path("__typename").asString()).isEqualTo("Query");
  }

  @Test
  void graphiqlIsOff() {
    var page =
        Router.exchange(
            HttpRequest.newBuilder(URL)
                .timeout(Duration.ofSeconds(10))
                .header("accept", "text/html")
                .GET()
                .build());
    assertThat(page.body()).doesNotContainIgnoringCase("graphiql");
  }

  @Test
  void failedSubgraphCallsDoNotRevealTheSubgraphs() {
    var response =
        post(
            "{ products(first: 2) { edges { node { name reviews(first: 1) { edges { cursor } } } } } }");
    assertThat(response.errors().size()).as(response.raw()).isPositive();
    assertThat(response.raw())
        .doesNotContain("127.0.0.1")
        .doesNotContain("localhost")
        .doesNotContain("http://")
        .doesNotContain("\"request\"")
        .doesNotContain("x-storefront-router-secret")
        .doesNotContain("\tat ");
    assertThat(code(response)).isNotBlank();
  }

  @Test
  void theDevelopmentRouterKeepsIntrospectionForGraphiql() {
    var schema = Router.post("{ __schema { queryType { name } } }");
    assertThat(schema.data().at("/__schema/queryType/name").asString()).isEqualTo("Query");
  }
}
