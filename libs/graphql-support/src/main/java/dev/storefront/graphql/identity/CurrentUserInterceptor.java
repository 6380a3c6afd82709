package dev.storefront.graphql.identity;

import java.util.Map;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import reactor.core.publisher.Mono;

/** Carries the router's {@value CurrentUser#HEADER} into the GraphQL context of the request. */
public class CurrentUserInterceptor implements WebGraphQlInterceptor {

  @Override
  public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
    String user = request.getHeaders().getFirst(CurrentUser.HEADER);
    if (user != null) {
      request.configureExecutionInput((input, builder) ->
          builder.graphQLContext(Map.of(CurrentUser.CONTEXT_KEY, user)).build());
    }
    return chain.next(request);
  }
}
