package dev.storefront.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Prometheus that ./platform runs scrapes every process, has loaded every alert rule, and
 * answers every Grafana panel's query (observability/grafana/dashboards) with series: a panel that
 * shows "No data" on a running platform is a broken panel.
 */
class DashboardQueriesTest {

  static final URI PROMETHEUS =
      URI.create(System.getProperty("storefront.prometheus.url", "http://127.0.0.1:9090"));
  static final Path OBSERVABILITY = PlatformFiles.ROOT.resolve("observability");

  /** A checkout and some reads, so that the saga's and the router's series exist. */
  @BeforeAll
  static void someTraffic() {
    String user = "888";
    Commerce.fillCart(user, "22", 1);
    var placed = Commerce.ok(Commerce.checkout(user, Commerce.newKey()));
    Commerce.awaitFinal(user, placed.at("/checkout/id").asString(), Duration.ofSeconds(60));
    for (int i = 0; i < 5; i++) {
      Router.post("{ products(first: 3) { edges { node { name inStock averageRating } } } }");
    }
  }

  @Test
  void everyProcessIsScrapedAndEveryRuleIsLoaded() {
    JsonNode targets = api("/api/v1/targets?state=active").path("activeTargets");
    List<String> down = new ArrayList<>();
    targets.forEach(target -> {
      if (!"up".equals(target.path("health").asString())) {
        down.add(target.path("labels").path("job").asString() + ": " + target.path("lastError"));
      }
    });
    assertThat(targets.size()).as("scrape targets").isGreaterThanOrEqualTo(13);
    assertThat(down).as("targets not up").isEmpty();

    List<String> rules = new ArrayList<>();
    api("/api/v1/rules")
        .path("groups")
        .forEach(group ->
            group
                .path("rules")
                .forEach(rule -> {
                  assertThat(rule.path("health").asString())
                      .as(rule.path("name") + ": " + rule.path("lastError"))
                      .isEqualTo("ok");
                  rules.add(rule.path("name").asString());
                }));
    assertThat(rules).as("loaded rules").isNotEmpty();
  }

  @Test
  void everyPanelQueryReturnsSeries() throws IOException {
    Map<String, String> queries = panelQueries();
    assertThat(queries).isNotEmpty();
    // rate() over a new counter needs two scrapes (10 s apart) after the traffic above.
    Instant until = Instant.now().plus(Duration.ofSeconds(90));
    Map<String, String> empty = new LinkedHashMap<>(queries);
    while (!empty.isEmpty() && Instant.now().isBefore(until)) {
      empty
          .entrySet()
          .removeIf(
              e -> api("/api/v1/query?query=" + encode(e.getValue())).path("result").size() > 0);
      if (!empty.isEmpty()) {
        Commerce.sleep(5000);
      }
    }
    assertThat(empty).as("panels whose query returned no series").isEmpty();
  }

  /** "dashboard / panel title #n" → PromQL, with ${datasource}-free expressions as written. */
  static Map<String, String> panelQueries() throws IOException {
    Map<String, String> queries = new LinkedHashMap<>();
    try (Stream<Path> files = Files.list(OBSERVABILITY.resolve("grafana/dashboards"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
        JsonNode dashboard = Router.JSON.readTree(Files.readString(file));
        collect(file.getFileName().toString(), dashboard.path("panels"), queries);
      }
    }
    return queries;
  }

  private static void collect(String dashboard, JsonNode panels, Map<String, String> into) {
    panels.forEach(panel -> {
      collect(dashboard, panel.path("panels"), into); // rows hold panels
      int n = 0;
      for (JsonNode target : panel.path("targets")) {
        String expr = target.path("expr").asString("");
        if (!expr.isBlank()) {
          into.put(dashboard + " / " + panel.path("title").asString() + " #" + ++n, expr);
        }
      }
    });
  }

  static JsonNode api(String pathAndQuery) {
    var response =
        Router.exchange(
            HttpRequest.newBuilder(URI.create(PROMETHEUS + pathAndQuery)).GET().build());
    assertThat(response.statusCode()).as(pathAndQuery + ": " + response.body()).isEqualTo(200);
    return Router.JSON.readTree(response.body()).path("data");
  }

  static String encode(String query) {
    return URLEncoder.encode(query, StandardCharsets.UTF_8);
  }
}
