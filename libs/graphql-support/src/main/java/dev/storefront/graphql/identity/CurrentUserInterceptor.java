package dev.storefront.graphql.identity;

import java.util.HashMap;
import java.util.Map;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import reactor.core.publisher.Mono;

/**
 * Carries the verified access token (its subject, scopes and the token itself) and the router's
 * {@value ClientAddress#HEADER} into the GraphQL context. The client address is a plain header: it
 * only feeds limits, and only callers presenting the router's credential get this far (see {@code
 * RouterOnlyFilter}).
 */
public class CurrentUserInterceptor implements WebGraphQlInterceptor {

  @Override
  public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
    return ReactiveSecurityContextHolder.getContext()
        .mapNotNull(context -> context.getAuthentication())
        .filter(JwtAuthenticationToken.class::isInstance)
        .map(authentication -> ((JwtAuthenticationToken) authentication).getToken())
        .map(CurrentUserInterceptor::identityOf)
        .defaultIfEmpty(Map.of())
        .map(identity -> withClientAddress(identity, request))
        .flatMap(identity -> {
          if (!identity.isEmpty()) {
            request.configureExecutionInput(
                (input, builder) -> builder.graphQLContext(identity).build());
          }
          return chain.next(request);
        });
  }

  private static Map<String, Object> identityOf(Jwt token) {
    Map<String, Object> identity = new HashMap<>();
    identity.put(CurrentUser.CONTEXT_KEY, token.getSubject());
    String scopes = token.getClaimAsString("scope");
    if (scopes != null) {
      identity.put(CurrentUser.SCOPES_CONTEXT_KEY, scopes);
    }
    identity.put(CurrentUser.TOKEN_CONTEXT_KEY, token.getTokenValue());
    return identity;
  }

  private static Map<String, Object> withClientAddress(
      Map<String, Object> identity, WebGraphQlRequest request) {
    String address = request.getHeaders().getFirst(ClientAddress.HEADER);
    if (address == null) {
      return identity;
    }
    Map<String, Object> withAddress = new HashMap<>(identity);
    withAddress.put(ClientAddress.CONTEXT_KEY, address);
    return withAddress;
  }
}
