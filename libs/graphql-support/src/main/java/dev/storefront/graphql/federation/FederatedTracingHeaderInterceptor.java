package dev.storefront.graphql.federation;

import static com.apollographql.federation.graphqljava.tracing.FederatedTracingInstrumentation.FEDERATED_TRACING_HEADER_NAME;

import java.util.Map;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import reactor.core.publisher.Mono;

/**
 * Federated tracing (ftv1) costs time on every field, so a subgraph only records it when the router
 * asks with the {@code apollo-federation-include-trace} header; the instrumentation reads that
 * request from the GraphQL context.
 */
public class FederatedTracingHeaderInterceptor implements WebGraphQlInterceptor {

  @Override
  public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
    String value = request.getHeaders().getFirst(FEDERATED_TRACING_HEADER_NAME);
    if (value != null) {
      request.configureExecutionInput((input, builder) ->
          builder.graphQLContext(Map.of(FEDERATED_TRACING_HEADER_NAME, value)).build());
    }
    return chain.next(request);
  }
}
