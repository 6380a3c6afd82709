package dev.storefront.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * The router and the schema registry together: schema changes reach the router without a restart,
 * and the router survives the registry being down, even when it starts then.
 */
class SchemaRegistryTest {

  static final String REGISTRY =
      System.getProperty("storefront.registry.url", "http://127.0.0.1:4010");
  static final Path PLATFORM =
      Path.of(System.getProperty("storefront.platform", "../platform")).toAbsolutePath();
  static final Path CATALOG_SCHEMA =
      PLATFORM.getParent().resolve("subgraphs/catalog/src/main/resources/schema/catalog.graphqls");
  static final String SKU_QUERY = "{ product(id: \"1\") { sku } }";

  /** The gateway polls at most every 10 s, and only when requests arrive. */
  static final Duration WITHIN_ONE_POLL = Duration.ofSeconds(25);

  /**
   * Product.createdAt: a field no subgraph depends on and no BFF operation uses. The registry
   * (rightly) refuses to remove a field a registered client operation uses, such as sku (bff-web's
   * ProductDetail), even with acceptBreaking.
   */
  static final String CREATED_AT_QUERY = "{ product(id: \"1\") { createdAt } }";

  @Test
  void aPublishedCatalogFieldBecomesQueryableThroughTheRouterWithoutARestart() throws Exception {
    String schema = Files.readString(CATALOG_SCHEMA);
    String withoutCreatedAt = schema.replace("  createdAt: DateTime!\n", "");
    assertThat(withoutCreatedAt).isNotEqualTo(schema);
    String createdAt = Router.post(CREATED_AT_QUERY).data().at("/product/createdAt").asString();
    assertThat(createdAt).isNotBlank();
    try {
      assertThat(publish(withoutCreatedAt, true)).isEqualTo(200);
      waitFor(
          CREATED_AT_QUERY,
          response -> response.errors().isArray(),
          "createdAt to disappear from the router");

      long publishedAt = System.nanoTime();
      assertThat(publish(schema, false)).isEqualTo(200);
      waitFor(
          CREATED_AT_QUERY,
          response ->
              response.errors().isMissingNode()
                  && response.data().at("/product/createdAt").asString().equals(createdAt),
          "createdAt to be queryable");
      System.out.printf(
          "New catalog field queryable through the router %.1f s after publishing%n",
          (System.nanoTime() - publishedAt) / 1e9);
    } finally {
      publish(schema, true);
    }
  }

  @Test
  void theRouterServesWhileTheRegistryIsDownAndStartsFromItsLastKnownGoodCopy() throws Exception {
    try {
      platform("stop", "schema-registry");
      Thread.sleep(11_000); // past a polling interval, so the router has tried the registry
      for (int i = 0; i < 3; i++) {
        assertThat(Router.post(SKU_QUERY).data().at("/product/sku").asString())
            .isEqualTo("SKU-000001");
      }
      platform("stop", "router");
      platform("start", "router");
      var response = Router.post(FederatedQueryTest.STOREFRONT_PAGE, Map.of("first", 5));
      assertThat(response.errors().isMissingNode()).as(response.raw()).isTrue();
      assertThat(response.data().at("/products/edges").size()).isEqualTo(5);
    } finally {
      platform("start", "schema-registry");
    }
  }

  private static int publish(String sdl, boolean acceptBreaking) {
    var response = catalogSchema("publish", sdl, "e2e", acceptBreaking);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return response.statusCode();
  }

  /**
   * {@code POST /subgraphs/catalog/{action}} (publish or check) with this schema, as the catalog:
   * with its own registry token.
   */
  static java.net.http.HttpResponse<String> catalogSchema(
      String action, String sdl, String label, boolean acceptBreaking) {
    String body =
        Router.JSON.writeValueAsString(
            Map.of(
                "url", "http://127.0.0.1:4002/graphql",
                "sdl", sdl,
                "label", label,
                "acceptBreaking", acceptBreaking));
    return Router.send(
        URI.create(REGISTRY + "/subgraphs/catalog/" + action),
        body,
        Map.of("Authorization", RegistryAccessTest.bearer("catalog")));
  }

  private static void waitFor(String query, Predicate<Router.Response> condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + WITHIN_ONE_POLL.toNanos();
    Router.Response last = null;
    while (System.nanoTime() < deadline) {
      last = Router.post(query);
      if (condition.test(last)) {
        return;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "Waited "
            + WITHIN_ONE_POLL
            + " for "
            + what
            + "; last answer: "
            + (last == null ? null : last.raw()));
  }

  /** Runs {@code ./platform ARGS}; the test fails with its output when it does not exit 0. */
  static void platform(String... args) throws IOException, InterruptedException {
    var command = new java.util.ArrayList<String>();
    command.add(PLATFORM.toString());
    command.addAll(java.util.List.of(args));
    var process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor()).as("./platform %s: %s", String.join(" ", args), output).isZero();
  }
}
