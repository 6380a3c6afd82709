package dev.storefront.inventory.reservation;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Releases holds whose time ran out (StockReleased with reason EXPIRED), each in its own
 * transaction.
 */
@Component
public class ReservationExpirySweeper implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(ReservationExpirySweeper.class);

  private final StockReservations reservations;
  private final TransactionalOperator tx;
  private final ReservationSettings settings;
  private final Clock clock;
  private volatile Disposable running;

  public ReservationExpirySweeper(
      StockReservations reservations,
      TransactionalOperator tx,
      ReservationSettings settings,
      Clock clock) {
    this.reservations = reservations;
    this.tx = tx;
    this.settings = settings;
    this.clock = clock;
  }

  /** Releases up to 100 expired holds; how many it released. */
  public Mono<Long> sweep() {
    return reservations
        .expired(clock.instant(), 100)
        .concatMap(orderId -> tx.transactional(reservations.release(orderId, "EXPIRED")))
        .filter(Boolean::booleanValue)
        .count()
        .doOnNext(n -> {
          if (n > 0) {
            log.info("released {} expired reservations", n);
          }
        });
  }

  @Override
  public void start() {
    running =
        Flux.interval(settings.sweepInterval(), settings.sweepInterval())
            .onBackpressureDrop()
            .concatMap(tick ->
                sweep()
                    .onErrorResume(e -> {
                      log.warn("reservation sweep failed: {}", e.toString());
                      return Mono.empty();
                    }))
            .subscribe();
  }

  @Override
  public void stop() {
    if (running != null) {
      running.dispose();
    }
  }

  @Override
  public boolean isRunning() {
    return running != null && !running.isDisposed();
  }
}
