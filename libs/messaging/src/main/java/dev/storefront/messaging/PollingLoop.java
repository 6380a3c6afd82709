package dev.storefront.messaging;

import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Runs one unit of work after another: straight on while there is work, after {@code idle} when a
 * step found none, after {@code afterError} when it failed (Redis or PostgreSQL away). Used instead
 * of blocking stream reads, which would hold the service's shared Redis connection.
 */
public final class PollingLoop {

  private static final Logger log = LoggerFactory.getLogger(PollingLoop.class);

  private final String name;
  private final Supplier<Mono<Integer>> step;
  private final Duration idle;
  private final Duration afterError;
  private volatile Disposable running;

  public PollingLoop(
      String name, Supplier<Mono<Integer>> step, Duration idle, Duration afterError) {
    this.name = name;
    this.step = step;
    this.idle = idle;
    this.afterError = afterError;
  }

  public synchronized void start() {
    if (running != null && !running.isDisposed()) {
      return;
    }
    running =
        Mono.defer(step)
            .onErrorResume(e -> {
              log.warn("{}: {} (retrying in {})", name, e.toString(), afterError);
              return Mono.delay(afterError).thenReturn(0);
            })
            .flatMap(done -> done > 0 ? Mono.just(done) : Mono.delay(idle).thenReturn(0))
            .repeat()
            .subscribeOn(Schedulers.boundedElastic())
            .subscribe();
  }

  public synchronized void stop() {
    if (running != null) {
      running.dispose();
      running = null;
    }
  }

  public boolean isRunning() {
    return running != null && !running.isDisposed();
  }
}
