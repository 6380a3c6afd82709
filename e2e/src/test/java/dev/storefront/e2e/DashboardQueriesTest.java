package dev.storefront.e2e;

import static dev.storefront.e2e.Commerce.ADDRESS;
import static dev.storefront.e2e.Commerce.as;
import static dev.storefront.e2e.Commerce.awaitFinal;
import static dev.storefront.e2e.Commerce.fillCart;
import static dev.storefront.e2e.Commerce.newKey;
import static dev.storefront.e2e.Commerce.ok;
import static dev.storefront.e2e.Commerce.setStock;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every query of every panel in observability/grafana/*.json, run against the platform's Prometheus
 * after a storefront query, a checkout through the router that reaches the card processor, and two
 * bff-mobile home screens: each must come back with at least one series. A dashboard naming a
 * metric nobody exports (or a label nobody sets) fails here, by panel.
 */
class DashboardQueriesTest {

  static final URI PROMETHEUS =
      URI.create(System.getProperty("storefront.prometheus.url", "http://127.0.0.1:9090"));
  static final Path DASHBOARDS =
      SchemaRegistryTest.PLATFORM.getParent().resolve("observability/grafana");
  // Scrapes every 5 s, rules every 5 s, and rate() needs two samples after the traffic.
  static final Duration PATIENCE = Duration.ofSeconds(45);

  record PanelQuery(String dashboard, String panel, String expr) {}

  @BeforeAll
  static void traffic() {
    ok(
        Router.post(
            "query Storefront { products(first: 5) { edges { node { name price { amount } inStock"
                + " averageRating } } } }"));
    String user = "871";
    String product = "9971";
    setStock(product, 10);
    fillCart(user, product, 1);
    // Named like the BFFs' operation: the checkout panels and alert select
    // operationName="Checkout".
    JsonNode placed =
        ok(as(
                user,
                "mutation Checkout($k: String!) { checkout(input: {idempotencyKey: $k,"
                    + " shippingAddress: "
                    + ADDRESS
                    + "}) { id status } }",
                Map.of("k", newKey())))
            .path("checkout");
    awaitFinal(user, placed.path("id").asString(), Duration.ofSeconds(60));
    for (int i = 0; i < 2; i++) {
      assertThat(BffMobileTest.get("/v1/home", Map.of()).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void everyPanelQueryReturnsSeries() throws IOException, InterruptedException {
    List<PanelQuery> queries = panelQueries();
    assertThat(queries).as("panel queries in %s", DASHBOARDS).hasSizeGreaterThan(10);
    List<PanelQuery> empty = new ArrayList<>(queries);
    Instant until = Instant.now().plus(PATIENCE);
    while (!empty.isEmpty() && Instant.now().isBefore(until)) {
      empty.removeIf(q -> !result(q.expr()).isEmpty());
      if (!empty.isEmpty()) {
        Thread.sleep(2_000);
      }
    }
    assertThat(empty).as("panels whose query returned no series after %s", PATIENCE).isEmpty();
  }

  static List<PanelQuery> panelQueries() throws IOException {
    List<PanelQuery> queries = new ArrayList<>();
    try (var files = Files.list(DASHBOARDS)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        JsonNode dashboard = Router.JSON.readTree(Files.readString(file));
        for (JsonNode panel : dashboard.path("panels")) {
          for (JsonNode target : panel.path("targets")) {
            queries.add(
                new PanelQuery(
                    file.getFileName().toString(),
                    panel.path("title").asString(),
                    target.path("expr").asString()));
          }
        }
      }
    }
    return queries;
  }

  /** The instant query's result vector; a query Prometheus refuses fails the test outright. */
  static JsonNode result(String expr) {
    URI uri =
        PROMETHEUS.resolve(
            "/api/v1/query?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8));
    JsonNode answer = Router.JSON.readTree(Router.get(uri));
    assertThat(answer.path("status").asString())
        .as("Prometheus on %s: %s", expr, answer)
        .isEqualTo("success");
    return answer.path("data").path("result");
  }
}
