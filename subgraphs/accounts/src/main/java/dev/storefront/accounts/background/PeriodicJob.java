package dev.storefront.accounts.background;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Work repeated every {@code interval} while the application runs. A failed run (PostgreSQL away)
 * is logged and the next one comes at its usual time; runs never overlap.
 */
public abstract class PeriodicJob implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(PeriodicJob.class);

  private final String name;
  private final Duration interval;
  private volatile Disposable running;

  protected PeriodicJob(String name, Duration interval) {
    this.name = name;
    this.interval = interval;
  }

  protected abstract Mono<Void> runOnce();

  @Override
  public synchronized void start() {
    if (isRunning()) {
      return;
    }
    running =
        Flux.interval(interval, interval)
            .onBackpressureDrop()
            .concatMap(
                tick ->
                    Mono.defer(this::runOnce)
                        .onErrorResume(e -> {
                          log.warn("{} failed (next run in {})", name, interval, e);
                          return Mono.empty();
                        }),
                1)
            .subscribe();
  }

  @Override
  public synchronized void stop() {
    if (running != null) {
      running.dispose();
      running = null;
    }
  }

  @Override
  public boolean isRunning() {
    return running != null && !running.isDisposed();
  }
}
