package dev.storefront.orders.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.events.Amount;
import dev.storefront.events.inventory.StockReserved;
import dev.storefront.events.orders.OrderStatusChanged;
import dev.storefront.graphql.money.Money;
import dev.storefront.messaging.broadcast.EventBroadcast;
import dev.storefront.messaging.testing.TestEventBus;
import dev.storefront.orders.checkout.CartLine;
import dev.storefront.orders.checkout.CheckedOutCart;
import dev.storefront.orders.checkout.CheckoutRequest;
import dev.storefront.orders.checkout.OrderPlacement;
import dev.storefront.orders.order.Address;
import dev.storefront.testsupport.SubgraphTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import reactor.core.Disposable;

/** The subscriptions' feed hears every status change through the broadcast, placement included. */
@SubgraphTest
class OrderStatusFeedTest {

  @Autowired OrderStatusFeed feed;
  @Autowired EventBroadcast broadcast;
  @Autowired OrderPlacement placement;
  @Autowired TestEventBus bus;

  @Test
  void everyStatusChangeOfAnOrderReachesTheFeed() {
    broadcast.listening(OrderStatusChanged.class).block(Duration.ofSeconds(30));
    List<String> heard = new CopyOnWriteArrayList<>();
    Disposable listening = feed.changedOrderIds().subscribe(heard::add);
    try {
      String orderId =
          placement
              .place(
                  "u-feed",
                  new CheckoutRequest(
                      UUID.randomUUID().toString(),
                      new Address("Ada", "Street 1", null, "10115", "Berlin", "DE")),
                  new CheckedOutCart(
                      List.of(new CartLine(4711L, 1, new Money("3.00", "EUR"))), Instant.now()))
              .block()
              .id();
      bus.send(
          new StockReserved(
              UUID.fromString(orderId),
              "u-feed",
              new Amount("3.00", "EUR"),
              Instant.now().plusSeconds(900)));

      // PENDING, then RESERVED.
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(heard).filteredOn(orderId::equals).hasSize(2));
    } finally {
      listening.dispose();
    }
  }
}
