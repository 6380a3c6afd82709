package dev.storefront.graphql.identity;

import java.util.HashMap;
import java.util.Map;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import reactor.core.publisher.Mono;

/**
 * Carries the router's identity headers ({@value CurrentUser#HEADER}, {@value
 * CurrentUser#SCOPES_HEADER}, {@value ClientAddress#HEADER}) into the GraphQL context.
 */
public class CurrentUserInterceptor implements WebGraphQlInterceptor {

  @Override
  public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
    Map<String, Object> identity = new HashMap<>();
    var headers = request.getHeaders();
    putIfPresent(identity, CurrentUser.CONTEXT_KEY, headers.getFirst(CurrentUser.HEADER));
    putIfPresent(
        identity, CurrentUser.SCOPES_CONTEXT_KEY, headers.getFirst(CurrentUser.SCOPES_HEADER));
    putIfPresent(identity, ClientAddress.CONTEXT_KEY, headers.getFirst(ClientAddress.HEADER));
    if (!identity.isEmpty()) {
      request.configureExecutionInput((input, builder) -> builder.graphQLContext(identity).build());
    }
    return chain.next(request);
  }

  private static void putIfPresent(Map<String, Object> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }
}
