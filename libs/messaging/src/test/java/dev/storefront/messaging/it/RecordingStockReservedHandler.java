package dev.storefront.messaging.it;

import dev.storefront.events.inventory.StockReserved;
import dev.storefront.messaging.consumer.EventHandler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** A second handler, on another producer's topic. */
@Component
class RecordingStockReservedHandler implements EventHandler<StockReserved> {

  final List<StockReserved> handled = new CopyOnWriteArrayList<>();

  @Override
  public Class<StockReserved> eventType() {
    return StockReserved.class;
  }

  @Override
  public Mono<Void> handle(StockReserved event) {
    return Mono.fromRunnable(() -> handled.add(event));
  }
}
