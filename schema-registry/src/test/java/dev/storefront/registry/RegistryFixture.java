package dev.storefront.registry;

import java.util.HashMap;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;

/** Subgraph schemas and a clean registry for each test. */
final class RegistryFixture {

  static final String FEDERATION =
      "extend schema @link(url: \"https://specs.apollo.dev/federation/v2.9\", import: [\"@key\", \"@shareable\", \"@external\", \"@requires\"])\n";

  static final String PRODUCTS_V1 =
      FEDERATION
          + """
          type Query { products: [Product!]! product(id: ID!): Product }
          type Product @key(fields: "id") { id: ID! name: String! price: Int! }
          """;

  static final String REVIEWS_V1 =
      FEDERATION
          + """
          type Product @key(fields: "id") { id: ID! reviews: [Review!]! }
          type Review { id: ID! rating: Int! }
          """;

  /** Relative to the module: Maven runs tests there. */
  static final String PRINCIPALS_FILE = "src/test/resources/registry-principals.json";

  /** The Authorization header of a principal in {@link #PRINCIPALS_FILE}. */
  static String bearer(String principal) {
    return "Bearer " + principal + "-test-token";
  }

  static void reset(DatabaseClient database) {
    database
        .sql(
            "TRUNCATE registry_writes, client_operations, supergraph_versions, schema_versions,"
                + " subgraphs")
        .then()
        .block();
  }

  static Map<String, Object> publishBody(String name, String sdl) {
    return new HashMap<>(Map.of("url", "http://127.0.0.1:9/" + name + "/graphql", "sdl", sdl));
  }

  private RegistryFixture() {}
}
