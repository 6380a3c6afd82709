package dev.storefront.bff.mobile.support;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Paging over a GraphQL connection: {@code cursor}/{@code limit} in, {@code nextCursor} out. */
public final class Pages {

  static final int MAX_CURSOR_LENGTH = 500;

  private Pages() {}

  /**
   * The connection's {@code first} (from {@code limit}) and {@code after} (from {@code cursor},
   * left out when absent), checked; a map the caller may add its other variables to.
   */
  public static Map<String, Object> variables(String cursor, String limit) {
    var variables = new LinkedHashMap<String, Object>();
    variables.put("first", Params.limit(limit));
    String after = Params.text("cursor", cursor, MAX_CURSOR_LENGTH);
    if (after != null) {
      variables.put("after", after);
    }
    return variables;
  }

  /** The cursor of the next page; null on the last page. */
  public static String nextCursor(JsonNode connection) {
    JsonNode pageInfo = connection.path("pageInfo");
    return pageInfo.path("hasNextPage").asBoolean(false) && pageInfo.path("endCursor").isString()
        ? pageInfo.path("endCursor").asString()
        : null;
  }
}
