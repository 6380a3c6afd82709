package dev.storefront.cart.cart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.events.orders.OrderConfirmed;
import dev.storefront.messaging.testing.TestEventBus;
import dev.storefront.testsupport.SubgraphTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The saga's last step on the real PostgreSQL, Redis and Kafka: OrderConfirmed takes the bought
 * units out of the cart (units and lines added since the checkout stay), once however often it is
 * delivered; a malformed one is dead-lettered and changes nothing.
 */
@SubgraphTest
class OrderConfirmedTest {

  static final Duration WAIT = Duration.ofSeconds(30);

  @Autowired CartStore carts;
  @Autowired DatabaseClient db;
  @Autowired TestEventBus bus;

  String freshUser() {
    return "cart-confirmed-" + UUID.randomUUID();
  }

  @Test
  void theBoughtUnitsLeaveTheCartOnceHoweverOftenTheEventArrives() {
    String user = freshUser();
    carts.add(user, 11, 3).block();
    carts.add(user, 12, 1).block();
    carts.add(user, 13, 2).block();
    Instant checkedOut = carts.load(user).block().updatedAt().toInstant();

    OrderConfirmed confirmed =
        new OrderConfirmed(
            UUID.randomUUID(),
            user,
            List.of(new OrderConfirmed.Item(11, 2), new OrderConfirmed.Item(12, 1)),
            checkedOut);
    UUID eventId = bus.send(confirmed);
    bus.send(confirmed, eventId); // the relay published it twice

    Awaitility.await()
        .atMost(WAIT)
        .untilAsserted(() ->
            assertThat(lines(user))
                .containsExactly(new StoredCart.Line(11, 1), new StoredCart.Line(13, 2)));
    // A later event of the same order's partition is handled after both copies.
    UUID marker = bus.send(new OrderConfirmed(confirmed.orderId(), user, List.of(), null));
    Awaitility.await().atMost(WAIT).until(() -> processed(marker));
    assertThat(lines(user)).containsExactly(new StoredCart.Line(11, 1), new StoredCart.Line(13, 2));
    // Redis was refreshed after the commit: the cached cart is the new one.
    assertThat(carts.load(user).block().items())
        .containsExactly(new StoredCart.Line(11, 1), new StoredCart.Line(13, 2));
  }

  @Test
  void aLateConfirmationLeavesTheLinesAddedAfterTheCheckout() {
    String user = freshUser();
    carts.add(user, 31, 2).block();
    carts.add(user, 32, 1).block();
    Instant checkedOut = carts.load(user).block().updatedAt().toInstant();
    // While the order is under way the user takes 31 out and puts it back, and raises 32.
    carts.set(user, 31, 0).block();
    carts.add(user, 31, 1).block();
    carts.add(user, 32, 2).block();

    bus.send(
        new OrderConfirmed(
            UUID.randomUUID(),
            user,
            List.of(new OrderConfirmed.Item(31, 2), new OrderConfirmed.Item(32, 1)),
            checkedOut));

    // 31 is a new line (kept whole); 32 was in the cart: its bought unit goes, the raise stays.
    Awaitility.await()
        .atMost(WAIT)
        .untilAsserted(() ->
            assertThat(lines(user))
                .containsExactly(new StoredCart.Line(31, 1), new StoredCart.Line(32, 2)));
    assertThat(carts.load(user).block().items())
        .containsExactlyInAnyOrder(new StoredCart.Line(31, 1), new StoredCart.Line(32, 2));
  }

  @Test
  void theCartClockRisesWithEveryChangeInWholeMilliseconds() {
    String user = freshUser();
    List<OffsetDateTime> seen = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      seen.add(carts.add(user, 41, 1).block().updatedAt());
    }

    for (int i = 1; i < seen.size(); i++) {
      assertThat(seen.get(i)).isAfter(seen.get(i - 1));
    }
    // Whole milliseconds: what the GraphQL DateTime shows is exactly what orders keeps.
    assertThat(seen).allSatisfy(at -> assertThat(at.getNano() % 1_000_000).isZero());
  }

  @Test
  void aMalformedOrderConfirmedIsDeadLetteredAndTheCartKeepsItsUnits() {
    String user = freshUser();
    carts.add(user, 21, 2).block();
    UUID orderId = UUID.randomUUID();
    bus.sendRaw(
        "orders",
        "OrderConfirmed",
        ("{\"orderId\":\""
                + orderId
                + "\",\"userId\":\""
                + user
                + "\",\"items\":[{\"productId\":"
                + "\"not a number\",\"quantity\":1}]}")
            .getBytes(StandardCharsets.UTF_8),
        orderId.toString());
    assertThat(bus.awaitDeadLetter(orderId, WAIT).type()).contains("OrderConfirmed");
    assertThat(lines(user)).containsExactly(new StoredCart.Line(21, 2));
  }

  private List<StoredCart.Line> lines(String user) {
    return db.sql(
            "SELECT product_id, quantity FROM cart_items WHERE user_id = :u ORDER BY product_id")
        .bind("u", user)
        .map(row ->
            new StoredCart.Line(
                row.get("product_id", Long.class), row.get("quantity", Integer.class)))
        .all()
        .collectList()
        .block();
  }

  private boolean processed(UUID eventId) {
    return db.sql("SELECT count(*) AS n FROM processed_messages WHERE event_id = :id")
            .bind("id", eventId)
            .map(row -> row.get("n", Long.class))
            .one()
            .block()
        > 0;
  }
}
