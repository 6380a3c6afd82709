package dev.storefront.bff.mobile.support;

import dev.storefront.bff.problem.GraphQlProblemException;
import dev.storefront.bff.problem.GraphQlProblems;
import dev.storefront.bff.router.RouterCall;
import java.net.InetSocketAddress;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Who a request comes from. The mobile app signs in through the router's {@code login} mutation and
 * sends its access token as {@code Authorization: Bearer …}; the BFF passes it to the router as it
 * is (the router verifies it). The client address is the TCP peer's, sent to the router as {@code
 * X-Forwarded-For} (the BFF does not copy a client's own X-Forwarded-For).
 */
public final class Callers {

  static final int MAX_TOKEN_LENGTH = 8192;

  private Callers() {}

  /** For the catalog: no token, even when one was sent (the screens are shared and cached). */
  public static RouterCall anonymous(ServerWebExchange exchange) {
    return RouterCall.anonymous(address(exchange));
  }

  /** For the user's own data: 401 problem without a bearer token. */
  public static RouterCall signedIn(ServerWebExchange exchange) {
    String header = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
    String token = null;
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = header.substring(7).strip();
    }
    if (token == null
        || token.isEmpty()
        || token.length() > MAX_TOKEN_LENGTH
        || token.chars().anyMatch(Character::isWhitespace)) {
      throw new GraphQlProblemException(
          GraphQlProblems.unauthenticated(
              "Sign in first: send Authorization: Bearer <access token> (the router's login"
                  + " mutation issues it)."));
    }
    return new RouterCall(token, address(exchange));
  }

  static String address(ServerWebExchange exchange) {
    InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
    if (remote == null || remote.getAddress() == null) {
      return null;
    }
    return remote.getAddress().getHostAddress();
  }
}
