package dev.storefront.bff.router;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * A GraphQL response from the router: {@code data} (a missing node when absent or null) and its
 * {@code errors} (empty when none).
 */
public record GraphQlResult(JsonNode data, List<GraphQlError> errors) {

  public GraphQlResult {
    data = data == null || data.isNull() ? MissingNode.getInstance() : data;
    errors = errors == null ? List.of() : List.copyOf(errors);
  }

  public boolean hasErrors() {
    return !errors.isEmpty();
  }

  /** The first error's {@code extensions.code}; null when there are no errors or it has none. */
  public String firstErrorCode() {
    return errors.isEmpty() ? null : errors.getFirst().code();
  }

  /** True when any error carries that code. */
  public boolean hasErrorCode(String code) {
    return errors.stream().anyMatch(e -> code.equals(e.code()));
  }

  /** The data at a path of field names, e.g. {@code at("product", "reviews")}. */
  public JsonNode at(String... fields) {
    JsonNode node = data;
    for (String field : fields) {
      node = node.path(field);
    }
    return node;
  }
}
