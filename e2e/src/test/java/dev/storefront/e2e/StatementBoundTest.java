package dev.storefront.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The N+1 bound, measured on the running services: the storefront page query runs the same number
 * of SQL statements in every subgraph whether it shows 10 products or 100. Counts come from each
 * subgraph's storefront_db_statements_total metric.
 */
class StatementBoundTest {

  static final Map<String, Integer> SUBGRAPHS =
      Map.of("accounts", 4001, "catalog", 4002, "inventory", 4003, "reviews", 4004);

  @Test
  void statementsPerSubgraphDoNotGrowWithTheNumberOfProducts() {
    Router.post(FederatedQueryTest.STOREFRONT_PAGE, Map.of("first", 5)); // warm connections
    Map<String, Long> forTen = statementsFor(10);
    Map<String, Long> forHundred = statementsFor(100);
    System.out.printf(
        "SQL statements per subgraph: first=10 %s, first=100 %s%n", forTen, forHundred);
    assertThat(forHundred).isEqualTo(forTen);
    assertThat(forTen.values()).allSatisfy(count -> assertThat(count).isBetween(1L, 5L));
  }

  private static Map<String, Long> statementsFor(int first) {
    Map<String, Long> before = counts();
    var response = Router.post(FederatedQueryTest.STOREFRONT_PAGE, Map.of("first", first));
    assertThat(response.errors().isMissingNode()).as(response.raw()).isTrue();
    assertThat(response.data().at("/products/edges").size()).isEqualTo(first);
    Map<String, Long> after = counts();
    var delta = new LinkedHashMap<String, Long>();
    for (String name : new java.util.TreeSet<>(SUBGRAPHS.keySet())) {
      delta.put(name, after.get(name) - before.get(name));
    }
    return delta;
  }

  private static Map<String, Long> counts() {
    var counts = new LinkedHashMap<String, Long>();
    SUBGRAPHS.forEach((name, port) -> counts.put(name, statementCount(port)));
    return counts;
  }

  static long statementCount(int port) {
    String metrics = Router.get(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"));
    return metrics
        .lines()
        .filter(line -> line.startsWith("storefront_db_statements_total"))
        .filter(line -> line.contains("work=\"request\""))
        .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }
}
