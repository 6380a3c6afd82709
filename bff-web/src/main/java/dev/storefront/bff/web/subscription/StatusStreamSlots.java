package dev.storefront.bff.web.subscription;

import dev.storefront.bff.web.BffWebProperties;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.stereotype.Component;

/**
 * How many order status streams each user holds open on this instance, up to {@code
 * max-status-streams-per-user}. In memory: a slot is the stream's own resource here and ends with
 * it (or with the process), so nothing can leak. The router caps a user's streams across every
 * bff-web instance (ROUTER_MAX_STREAMS_PER_USER).
 */
@Component
public class StatusStreamSlots {

  private final int maxPerUser;
  private final Map<String, Integer> open = new ConcurrentHashMap<>();

  public StatusStreamSlots(BffWebProperties properties) {
    this.maxPerUser = properties.maxStatusStreamsPerUser();
  }

  /** A slot for one more stream of the user; empty when the user already holds the maximum. */
  public Optional<Slot> acquire(String userId) {
    var granted = new AtomicBoolean();
    open.compute(
        userId,
        (id, count) -> {
          int current = count == null ? 0 : count;
          if (current >= maxPerUser) {
            return count;
          }
          granted.set(true);
          return current + 1;
        });
    return granted.get() ? Optional.of(new Slot(userId)) : Optional.empty();
  }

  /** The streams the user holds open on this instance. */
  public int openBy(String userId) {
    return open.getOrDefault(userId, 0);
  }

  public int maxPerUser() {
    return maxPerUser;
  }

  /** One open stream; {@link #release()} may be called any number of times, it counts once. */
  public final class Slot {

    private final String userId;
    private final AtomicBoolean released = new AtomicBoolean();

    private Slot(String userId) {
      this.userId = userId;
    }

    public void release() {
      if (released.compareAndSet(false, true)) {
        open.computeIfPresent(userId, (id, count) -> count <= 1 ? null : count - 1);
      }
    }
  }
}
