package dev.storefront.inventory.reservation;

import dev.storefront.messaging.Event;
import dev.storefront.messaging.consumer.EventHandler;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** PaymentAuthorized → the held units are sold (StockCommitted); PaymentFailed → released. */
@Component
public class PaymentOutcomeHandler implements EventHandler {

  private final StockReservations reservations;

  public PaymentOutcomeHandler(StockReservations reservations) {
    this.reservations = reservations;
  }

  @Override
  public String source() {
    return "payments";
  }

  @Override
  public Set<String> eventTypes() {
    return Set.of("PaymentAuthorized", "PaymentFailed");
  }

  @Override
  public Mono<Void> handle(Event event) {
    UUID orderId = UUID.fromString(event.aggregateId());
    return "PaymentAuthorized".equals(event.type())
        ? reservations.commit(orderId)
        : reservations.release(orderId, "PAYMENT_FAILED").then();
  }
}
