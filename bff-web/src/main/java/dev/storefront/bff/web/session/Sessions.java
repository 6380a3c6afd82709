package dev.storefront.bff.web.session;

import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The session a request belongs to, looked up once per request (the CSRF check and the handler
 * share it).
 */
@Component
public class Sessions {

  private static final String ATTRIBUTE = Sessions.class.getName() + ".current";

  private final SessionStore store;
  private final SessionCookies cookies;

  public Sessions(SessionStore store, SessionCookies cookies) {
    this.store = store;
    this.cookies = cookies;
  }

  /** The request's session; empty without a cookie or when its session has ended. */
  public Mono<Session> current(ServerWebExchange exchange) {
    return lookup(exchange).flatMap(Mono::justOrEmpty);
  }

  /**
   * The request's session, or an empty optional without a cookie or when its session has ended (for
   * callers that branch on either).
   */
  public Mono<Optional<Session>> lookup(ServerWebExchange exchange) {
    Mono<Optional<Session>> lookup = exchange.getAttribute(ATTRIBUTE);
    if (lookup == null) {
      lookup =
          cookies
              .read(exchange.getRequest())
              .map(id -> store.find(id).map(Optional::of).defaultIfEmpty(Optional.empty()))
              .orElse(Mono.just(Optional.empty()))
              .cache();
      exchange.getAttributes().put(ATTRIBUTE, lookup);
    }
    return lookup;
  }

  /** The request's session; {@link SessionEndedException} (401) when there is none. */
  public Mono<Session> require(ServerWebExchange exchange) {
    return current(exchange)
        .switchIfEmpty(
            Mono.error(() ->
                hasCookie(exchange)
                    ? SessionEndedException.ended()
                    : new SessionEndedException("Sign in first.")));
  }

  /** True when the request carries a session cookie (whether or not its session still exists). */
  public boolean hasCookie(ServerWebExchange exchange) {
    return cookies.read(exchange.getRequest()).isPresent();
  }
}
