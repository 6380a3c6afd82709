package dev.storefront.inventory.reservation;

import dev.storefront.events.inventory.StockReleased;
import dev.storefront.messaging.PollingLoop;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Releases holds whose time ran out (StockReleased with reason EXPIRED), each in its own
 * transaction; every {@code sweep-interval}, straight on while a sweep finds a full batch.
 */
@Component
public class ReservationExpirySweeper extends PollingLoop {

  private static final Logger log = LoggerFactory.getLogger(ReservationExpirySweeper.class);

  private final StockReservations reservations;
  private final TransactionalOperator tx;
  private final Clock clock;

  public ReservationExpirySweeper(
      StockReservations reservations,
      TransactionalOperator tx,
      ReservationSettings settings,
      Clock clock) {
    super(
        "reservation expiry sweep",
        settings.sweepInterval(),
        settings.sweepInterval(),
        settings.sweepInterval());
    this.reservations = reservations;
    this.tx = tx;
    this.clock = clock;
  }

  /** Releases up to 100 expired holds; how many it released. */
  @Override
  public Mono<Integer> step() {
    return reservations
        .expired(clock.instant(), 100)
        .concatMap(
            orderId -> tx.transactional(reservations.release(orderId, StockReleased.EXPIRED)))
        .filter(Boolean::booleanValue)
        .count()
        .map(Long::intValue)
        .doOnNext(n -> {
          if (n > 0) {
            log.info("released {} expired reservations", n);
          }
        });
  }
}
