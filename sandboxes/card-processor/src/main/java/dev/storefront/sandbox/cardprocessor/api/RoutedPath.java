package dev.storefront.sandbox.cardprocessor.api;

import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;

/**
 * The path as Spring matches it against the routes: percent-decoded, path parameters removed. A
 * filter that looked at the raw path could be passed by {@code /s%61ndbox/reset}, which still
 * reaches {@code /sandbox/reset}.
 */
final class RoutedPath {

  private RoutedPath() {}

  static String of(ServerWebExchange exchange) {
    StringBuilder path = new StringBuilder();
    for (PathContainer.Element element :
        exchange.getRequest().getPath().pathWithinApplication().elements()) {
      path.append(
          element instanceof PathContainer.PathSegment segment
              ? segment.valueToMatch()
              : element.value());
    }
    return path.toString();
  }

  static boolean isUnder(String path, String prefix) {
    return path.equals(prefix) || path.startsWith(prefix + "/");
  }
}
