package dev.storefront.bff.web.session;

import dev.storefront.bff.web.BffWebProperties;
import java.time.Duration;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Tells a long-lived response (an order status stream) when its session has ended: signed out on
 * any instance, ended by a refused refresh, or expired. It polls Redis rather than listening for a
 * logout message: a message missed while a connection was down would leave the stream open, a poll
 * cannot miss the deletion, whatever deleted the key.
 */
@Component
public class SessionWatch {

  private final SessionStore store;
  private final Duration every;

  public SessionWatch(SessionStore store, BffWebProperties properties) {
    this.store = store;
    this.every = properties.statusStreamSessionCheck();
  }

  /**
   * Completes once the session no longer exists, checked every {@code status-stream-session-check}.
   * A check Redis cannot answer counts as "still there": an outage does not end every stream.
   */
  public Mono<Void> ended(Session session) {
    return Flux.interval(every, every)
        .concatMap(tick -> store.exists(session.id()).onErrorReturn(true))
        .filter(exists -> !exists)
        .next()
        .then();
  }
}
