package dev.storefront.orders.saga;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.graphql.money.Money;
import dev.storefront.orders.checkout.CartLine;
import dev.storefront.orders.checkout.CheckedOutCart;
import dev.storefront.orders.checkout.CheckoutRequest;
import dev.storefront.orders.checkout.OrderPlacement;
import dev.storefront.orders.order.Address;
import dev.storefront.orders.order.Order;
import dev.storefront.orders.order.OrderRows;
import dev.storefront.orders.order.OrderStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.springframework.r2dbc.core.DatabaseClient;

/** Orders placed as checkout places them, and what the saga made of them. */
record SagaFixture(OrderPlacement placement, OrderRows orders, DatabaseClient db) {

  static final Duration WAIT = Duration.ofSeconds(30);
  static final long PRODUCT = 4711L;

  /** The cart's updatedAt as checkout read it, for every order placed here. */
  static final Instant CART_UPDATED_AT = Instant.parse("2026-12-02T06:00:00.123456Z");

  /** A PENDING order of two units of {@link #PRODUCT} at 12.50 EUR (OrderPlaced recorded). */
  UUID place(String userId) {
    Order order =
        placement
            .place(
                userId,
                new CheckoutRequest(
                    UUID.randomUUID().toString(),
                    new Address("Ada", "Street 1", null, "10115", "Berlin", "DE")),
                new CheckedOutCart(
                    List.of(new CartLine(PRODUCT, 2, new Money("12.50", "EUR"))), CART_UPDATED_AT))
            .block();
    return UUID.fromString(order.id());
  }

  OrderStatus status(UUID orderId) {
    return orders.byId(orderId).block().status();
  }

  Order order(UUID orderId) {
    return orders.byId(orderId).block();
  }

  void awaitStatus(UUID orderId, OrderStatus status) {
    Awaitility.await()
        .atMost(WAIT)
        .untilAsserted(() -> assertThat(status(orderId)).isEqualTo(status));
  }

  List<OrderStatus> history(UUID orderId) {
    return orders.historyOf(List.of(orderId)).map(change -> change.status()).collectList().block();
  }
}
