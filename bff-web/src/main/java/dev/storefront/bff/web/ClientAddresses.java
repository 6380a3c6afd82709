package dev.storefront.bff.web;

import java.net.InetSocketAddress;
import org.springframework.web.server.ServerWebExchange;

/**
 * The browser's address, passed to the router as {@code X-Forwarded-For} (its rate limits and
 * sign-in lockouts are per client address). It is the connection's peer; behind a load balancer,
 * set {@code server.forward-headers-strategy: native} so the peer is taken from the balancer's
 * {@code X-Forwarded-For}.
 */
public final class ClientAddresses {

  private ClientAddresses() {}

  public static String of(ServerWebExchange exchange) {
    InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
    if (remote == null) {
      return null;
    }
    return remote.getAddress() != null
        ? remote.getAddress().getHostAddress()
        : remote.getHostString();
  }
}
