package dev.storefront.e2e;

import static dev.storefront.e2e.JsonNodes.assertNoData;
import static dev.storefront.e2e.JsonNodes.code;
import static dev.storefront.e2e.PersistedOperationsTest.id;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Routers started by this test from the same configuration with the production profile: one with a
 * 1 ms upstream timeout, one with the default. Only registered operations are accepted (by id, from
 * the schema registry); introspection and GraphiQL are off, and failing subgraph calls do not show
 * clients the subgraphs' addresses or the requests sent to them.
 */
class ProductionRouterTest {

  static final int PORT = Integer.getInteger("storefront.e2e.production-router-port", 4100);
  static final URI URL = URI.create("http://127.0.0.1:" + PORT + "/graphql");

  /** The same profile with the default upstream timeout: subgraph calls succeed. */
  static final URI SERVING_URL = URI.create("http://127.0.0.1:" + (PORT + 1) + "/graphql");

  static final String CLIENT = PersistedOperationsTest.CLIENT;
  static final String VERSION = PersistedOperationsTest.uniqueVersion();
  static final String PRODUCTS =
      "query E2eProductsWithReviews { products(first: 2) { edges { node { name reviews(first: 1) { edges { cursor } } } } } }";
  static final String PRODUCT = "query E2eProductName($id: ID!) { product(id: $id) { id name } }";
  static final String SCHEMA = "query E2eSchema { __schema { types { name } } }";
  static final String TYPE = "query E2eType { __type(name: \"Product\") { fields { name } } }";
  static final String TYPENAME = "query E2eTypename { __typename }";

  static final List<Process> routers = new java.util.ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    // Production takes registered operations only: register what the tests send.
    PersistedOperationsTest.register(
        CLIENT, VERSION, List.of(PRODUCTS, PRODUCT, SCHEMA, TYPE, TYPENAME));
    startRouter(PORT, "1");
    startRouter(PORT + 1, "30000");
  }

  static void startRouter(int port, String upstreamTimeoutMs) throws Exception {
    Path config = SchemaRegistryTest.PLATFORM.getParent().resolve("router-config");
    Path log = Files.createTempFile("production-router-" + port + "-", ".log");
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
                "STOREFRONT_PROFILE",
                "production",
                "ROUTER_PORT",
                String.valueOf(port),
                "ROUTER_UPSTREAM_TIMEOUT_MS",
                upstreamTimeoutMs,
                "ROUTER_LAST_KNOWN_GOOD",
                Files.createTempFile("supergraph", ".graphql").toString(),
                "STOREFRONT_REGISTRY_URL",
                SchemaRegistryTest.REGISTRY,
                "STOREFRONT_ROUTER_SHARED_SECRET",
                SubgraphAccessTest.secret(),
                "STOREFRONT_REGISTRY_TOKEN",
                RegistryAccessTest.bearer("router").substring("Bearer ".length())));
    Process router = builder.start();
    routers.add(router);
    Instant until = Instant.now().plusSeconds(90);
    while (!ready(port)) {
      if (!router.isAlive() || Instant.now().isAfter(until)) {
        throw new IllegalStateException(
            "the production router did not start:\n" + Files.readString(log));
      }
      Thread.sleep(500);
    }
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      for (Process router : routers) {
        router.destroy();
        if (!router.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
          router.destroyForcibly();
        }
      }
    } finally {
      PersistedOperationsTest.retire(CLIENT, VERSION);
    }
  }

  static boolean ready(int port) {
    try {
      var response =
          Router.HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readiness"))
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

  static Router.Response byId(URI url, String document) {
    return PersistedOperationsTest.postById(url, id(document));
  }

  @Test
  void introspectionIsOff() {
    // As a query text it is refused before validation: production takes registered operations only.
    var adHoc = post("{ __schema { types { name } } }");
    assertThat(adHoc.status()).isEqualTo(400);
    assertThat(code(adHoc)).isEqualTo("PERSISTED_QUERY_ID_REQUIRED");
    assertThat(adHoc.raw()).doesNotContain("\"Product\"");
    // Registered (the registry accepts introspection documents), the introspection rule refuses it.
    var schema = byId(URL, SCHEMA);
    assertThat(schema.status()).as(schema.raw()).isBetween(400, 499);
    assertNoData(schema);
    assertThat(code(schema)).isEqualTo("GRAPHQL_VALIDATION_FAILED");
    assertThat(schema.errors().path(0).path("message").asString())
        .containsIgnoringCase("introspection");
    assertThat(schema.raw()).doesNotContain("\"Product\"");
    var type = byId(URL, TYPE);
    assertThat(type.raw()).doesNotContain("\"price\"");
    assertNoData(type);
    assertThat(code(type)).isEqualTo("GRAPHQL_VALIDATION_FAILED");
    var typename = byId(URL, TYPENAME);
    assertThat(typename.data().path("__typename").asString()).as(typename.raw()).isEqualTo("Query");
  }

  @Test
  void registeredOperationsAreAnsweredById() {
    var product = PersistedOperationsTest.postById(SERVING_URL, id(PRODUCT), Map.of("id", "1"));
    assertThat(product.status()).as(product.raw()).isEqualTo(200);
    assertThat(product.errors().isMissingNode()).as(product.raw()).isTrue();
    assertThat(product.data().at("/product/id").asString()).isEqualTo("1");
    assertThat(product.data().at("/product/name").asString()).isNotBlank();
    var typename = byId(URL, TYPENAME);
    assertThat(typename.errors().isMissingNode()).as(typename.raw()).isTrue();
  }

  @Test
  void unregisteredOperationsAndQueryTextsAreRefused() {
    var unknown =
        byId(
            SERVING_URL,
            "query E2eNotRegistered { products(first: 1) { edges { node { name } } } }");
    assertThat(unknown.status()).as(unknown.raw()).isEqualTo(400);
    assertNoData(unknown);
    assertThat(code(unknown)).isEqualTo("PERSISTED_QUERY_NOT_IN_LIST");

    for (String text : List.of("{ products(first: 1) { edges { node { name } } } }", PRODUCT)) {
      // Not even the text of a registered operation: clients send ids.
      var adHoc =
          Router.response(
              Router.send(
                  SERVING_URL,
                  Router.JSON.writeValueAsString(
                      Map.of("query", text, "variables", Map.of("id", "1"))),
                  Map.of("accept", "application/graphql-response+json, application/json")));
      assertThat(adHoc.status()).as(adHoc.raw()).isEqualTo(400);
      assertNoData(adHoc);
      assertThat(code(adHoc)).isEqualTo("PERSISTED_QUERY_ID_REQUIRED");
    }
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
    var response = byId(URL, PRODUCTS);
    assertThat(response.errors().size()).as(response.raw()).isPositive();
    // The registered document was run: its subgraph calls failed (1 ms), it was not refused.
    assertThat(code(response)).doesNotStartWith("PERSISTED_QUERY");
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
