package dev.storefront.messaging.it;

import dev.storefront.events.orders.OrderPlaced;
import dev.storefront.messaging.consumer.EventHandler;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Fails an order's events as a test scripted it, then records them. */
@Component
class ScriptedOrderPlacedHandler implements EventHandler<OrderPlaced> {

  private final Map<UUID, Deque<RuntimeException>> failures = new ConcurrentHashMap<>();
  private final Map<UUID, AtomicInteger> attempts = new ConcurrentHashMap<>();
  private final Map<UUID, List<OrderPlaced>> handled = new ConcurrentHashMap<>();

  /** The order's next events fail with these, one attempt each, in this order. */
  void failNext(UUID orderId, RuntimeException... errors) {
    failures.computeIfAbsent(orderId, id -> new ArrayDeque<>()).addAll(List.of(errors));
  }

  int attempts(UUID orderId) {
    return attempts.getOrDefault(orderId, new AtomicInteger()).get();
  }

  List<OrderPlaced> handled(UUID orderId) {
    return List.copyOf(handled.getOrDefault(orderId, List.of()));
  }

  @Override
  public Class<OrderPlaced> eventType() {
    return OrderPlaced.class;
  }

  @Override
  public Mono<Void> handle(OrderPlaced event) {
    return Mono.defer(() -> {
      attempts.computeIfAbsent(event.orderId(), id -> new AtomicInteger()).incrementAndGet();
      Deque<RuntimeException> next = failures.get(event.orderId());
      RuntimeException failure = next == null ? null : next.poll();
      if (failure != null) {
        return Mono.error(failure);
      }
      handled.computeIfAbsent(event.orderId(), id -> new CopyOnWriteArrayList<>()).add(event);
      return Mono.empty();
    });
  }
}
