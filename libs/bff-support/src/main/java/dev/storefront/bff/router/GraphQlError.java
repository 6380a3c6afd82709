package dev.storefront.bff.router;

import java.util.List;
import java.util.Map;

/**
 * One entry of a GraphQL response's {@code errors}.
 *
 * @param message the error's message (for the BFF's logs; shown to a client only for client errors)
 * @param code {@code extensions.code}, or null
 * @param path where in the data it happened; empty when not tied to a field
 * @param extensions every extension the router sent
 */
public record GraphQlError(
    String message, String code, List<Object> path, Map<String, Object> extensions) {

  public GraphQlError {
    path = path == null ? List.of() : path;
    extensions = extensions == null ? Map.of() : extensions;
  }
}
