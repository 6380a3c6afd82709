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
    return lookup.flatMap(Mono::justOrEmpty);
  }

  /** The request's session; {@link SessionEndedException} (401) when there is none. */
  public Mono<Session> require(ServerWebExchange exchange) {
    return current(exchange)
        .switchIfEmpty(
            Mono.error(() ->
                new SessionEndedException(
                    hasCookie(exchange)
                        ? "Your session has ended; sign in again."
                        : "Sign in first.")));
  }

  /** True when the request carries a session cookie (whether or not its session still exists). */
  public boolean hasCookie(ServerWebExchange exchange) {
    return cookies.read(exchange.getRequest()).isPresent();
  }
}
