package dev.storefront.messaging.metrics;

import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Runs one refresh every period on one loop, never two at once. Gauges backed by a database or
 * Redis read the values the last refresh stored: a scrape never waits for a query, and a slow query
 * delays the next refresh instead of piling up.
 */
public class PeriodicRefresh implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(PeriodicRefresh.class);

  private final String name;
  private final Duration period;
  private final Supplier<Mono<Void>> refresh;
  private volatile Disposable running;

  public PeriodicRefresh(String name, Duration period, Supplier<Mono<Void>> refresh) {
    this.name = name;
    this.period = period;
    this.refresh = refresh;
  }

  @Override
  public void start() {
    running =
        Flux.interval(Duration.ZERO, period)
            .onBackpressureDrop()
            .concatMap(
                tick ->
                    Mono.defer(refresh)
                        .doOnError(e -> log.warn("Cannot refresh {}: {}", name, e.toString()))
                        .onErrorResume(e -> Mono.empty()),
                1)
            .subscribe();
  }

  @Override
  public void stop() {
    Disposable current = running;
    if (current != null) {
      current.dispose();
    }
    running = null;
  }

  @Override
  public boolean isRunning() {
    return running != null;
  }
}
