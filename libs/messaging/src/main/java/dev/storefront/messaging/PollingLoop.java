package dev.storefront.messaging;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

/**
 * Background work done one {@link #step()} after another, started and stopped with the application:
 * straight on while a step may have left work behind ({@link #mayHaveMore}); otherwise after a
 * pause that starts at {@code minIdle} and doubles up to {@code maxIdle} while nothing comes (an
 * idle platform of eight services would otherwise spend half a core polling); after {@code
 * afterError} when a step failed (PostgreSQL or the broker away). {@link #wakeUp()} ends a pause
 * early, e.g. when this process has just committed work for the loop; a wake-up that came while a
 * step ran starts the next step at once, so no commit waits out a pause. The outbox relay and the
 * retention job are such loops.
 */
public abstract class PollingLoop implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(PollingLoop.class);

  private final String name;
  private final Duration minIdle;
  private final Duration maxIdle;
  private final Duration afterError;
  private final Sinks.Many<Boolean> wakeUps = Sinks.many().multicast().directBestEffort();
  private final AtomicBoolean wokenUp = new AtomicBoolean();
  private volatile Duration idle;
  private volatile Disposable running;

  protected PollingLoop(String name, Duration minIdle, Duration maxIdle, Duration afterError) {
    this.name = name;
    this.minIdle = minIdle;
    this.maxIdle = maxIdle.compareTo(minIdle) < 0 ? minIdle : maxIdle;
    this.afterError = afterError;
    this.idle = minIdle;
  }

  /** One unit of work; how much it found (0: nothing to do, pause). */
  public abstract Mono<Integer> step();

  /**
   * Whether a step that did {@code done} units may have left work for the next one; when not, the
   * loop pauses (a wake-up still ends the pause). By default any work done means look again.
   */
  protected boolean mayHaveMore(int done) {
    return done > 0;
  }

  @Override
  public synchronized void start() {
    if (isRunning()) {
      return;
    }
    running =
        Mono.defer(
                () -> {
                  wokenUp.set(false);
                  return step();
                })
            .onErrorResume(e -> {
              log.warn("{} failed (retrying in {})", name, afterError, e);
              return Mono.delay(afterError).thenReturn(-1);
            })
            .flatMap(this::pauseAfter)
            .repeat()
            .subscribeOn(Schedulers.boundedElastic())
            .subscribe();
  }

  private Mono<Integer> pauseAfter(int done) {
    Duration pause;
    if (done > 0) {
      idle = minIdle;
      if (mayHaveMore(done)) {
        return Mono.just(done);
      }
      pause = minIdle;
    } else {
      pause = idle;
      Duration doubled = pause.multipliedBy(2);
      idle = doubled.compareTo(maxIdle) > 0 ? maxIdle : doubled;
    }
    // The flag is read after the wake-up signal is subscribed to: a wake-up before that set the
    // flag, one after it reaches the subscription; none falls in between.
    return Mono.firstWithSignal(
        Mono.delay(pause).thenReturn(0),
        wakeUps.asFlux().next().thenReturn(0),
        Mono.defer(() -> wokenUp.get() ? Mono.just(0) : Mono.never()));
  }

  /** Ends the current pause, or the next one if a step is running: there is work now. */
  public void wakeUp() {
    idle = minIdle;
    wokenUp.set(true);
    wakeUps.tryEmitNext(Boolean.TRUE);
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
