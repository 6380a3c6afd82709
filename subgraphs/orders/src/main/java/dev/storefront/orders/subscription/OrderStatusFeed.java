package dev.storefront.orders.subscription;

import dev.storefront.events.orders.OrderStatusChanged;
import dev.storefront.messaging.broadcast.EventBroadcast;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.retry.Retry;

/**
 * Ids of orders whose status changed, on any instance: every OrderStatusChanged the broadcast
 * delivers (each instance sees all of them), fanned out to this instance's subscriptions. It
 * listens for as long as the application runs, so a subscription that starts listening before it
 * reads the current status misses no change in between.
 */
@Component
public class OrderStatusFeed implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OrderStatusFeed.class);

  private final EventBroadcast broadcast;
  private final Sinks.Many<String> changes = Sinks.many().multicast().directBestEffort();
  private volatile Disposable listening;

  public OrderStatusFeed(EventBroadcast broadcast) {
    this.broadcast = broadcast;
  }

  public Flux<String> changedOrderIds() {
    return changes.asFlux();
  }

  @Override
  public synchronized void start() {
    if (isRunning()) {
      return;
    }
    listening =
        Flux.defer(() -> broadcast.events(OrderStatusChanged.class))
            .doOnError(e -> log.warn("order status feed interrupted (resuming)", e))
            .retryWhen(Retry.fixedDelay(Long.MAX_VALUE, Duration.ofSeconds(1)))
            .subscribe(event -> changes.tryEmitNext(event.orderId().toString()));
  }

  @Override
  public synchronized void stop() {
    if (listening != null) {
      listening.dispose();
      listening = null;
    }
  }

  @Override
  public boolean isRunning() {
    return listening != null && !listening.isDisposed();
  }
}
