package dev.storefront.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import org.springframework.graphql.test.tester.GraphQlTester;

/** What a router sends a subgraph: the _service query and _entities representations. */
public final class Federation {

  private Federation() {}

  /** The SDL the subgraph serves declares each type as an entity keyed by id. */
  public static void assertServesEntities(GraphQlTester graphQl, String... typenames) {
    String sdl =
        graphQl
            .document("{ _service { sdl } }")
            .execute()
            .path("_service.sdl")
            .entity(String.class)
            .get();
    assertThat(sdl).contains("https://specs.apollo.dev/federation/v2.9");
    for (String typename : typenames) {
      assertThat(sdl).containsPattern("type " + typename + " @key\\(fields ?: ?\"id\"");
    }
  }

  /** {@code count} representations of a type; {@code idOf} gives the i-th id (1-based). */
  public static List<Map<String, Object>> representations(
      String typename, int count, IntFunction<Object> idOf) {
    return IntStream.rangeClosed(1, count)
        .mapToObj(i ->
            Map.<String, Object>of("__typename", typename, "id", String.valueOf(idOf.apply(i))))
        .toList();
  }
}
