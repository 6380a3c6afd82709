package dev.storefront.orders.checkout;

import dev.storefront.events.Amount;
import dev.storefront.events.orders.OrderPlaced;
import dev.storefront.events.orders.OrderStatusChanged;
import dev.storefront.graphql.error.ClientError;
import dev.storefront.graphql.error.ErrorCode;
import dev.storefront.graphql.money.Money;
import dev.storefront.messaging.outbox.Outbox;
import dev.storefront.orders.order.Order;
import dev.storefront.orders.order.OrderRows;
import dev.storefront.orders.order.OrderStatus;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a new order, its items, its first status and the OrderPlaced event in one transaction. The
 * unique (user, idempotency key) makes concurrent retries of one checkout place one order: the
 * losers' inserts wait for the winner's commit and then insert nothing.
 */
@Component
public class OrderPlacement {

  private static final Logger log = LoggerFactory.getLogger(OrderPlacement.class);

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final Outbox outbox;
  private final JsonMapper json;
  private final OrderRows orders;

  public OrderPlacement(
      DatabaseClient db,
      TransactionalOperator tx,
      Outbox outbox,
      JsonMapper json,
      OrderRows orders) {
    this.db = db;
    this.tx = tx;
    this.outbox = outbox;
    this.json = json;
    this.orders = orders;
  }

  /** Places the order; empty when one with this key existed already. */
  public Mono<Order> place(String userId, CheckoutRequest request, CheckedOutCart cart) {
    List<CartLine> lines = cart.lines();
    String currency = lines.getFirst().unitPrice().currencyCode();
    if (lines.stream().anyMatch(line -> !line.unitPrice().currencyCode().equals(currency))) {
      throw new ClientError(
          ErrorCode.BAD_USER_INPUT, "the cart mixes currencies; one order is in one currency");
    }
    BigDecimal total =
        lines.stream()
            .map(line -> line.unitPrice().times(line.quantity()).decimalAmount())
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    UUID orderId = UUID.randomUUID();
    List<OrderPlaced.Item> items =
        lines.stream()
            .map(line ->
                new OrderPlaced.Item(line.productId(), line.quantity(), line.unitPrice().amount()))
            .toList();
    Money totalMoney = Money.of(total, currency);
    var insert =
        db.sql(
                "INSERT INTO orders (id, user_id, idempotency_key, status, currency_code,"
                    + " total_amount, shipping_address, cart_updated_at) VALUES (:id, :userId, :key,"
                    + " 'PENDING', :currency, :total, CAST(:address AS jsonb), :cartUpdatedAt)"
                    + " ON CONFLICT (user_id, idempotency_key) DO NOTHING RETURNING "
                    + OrderRows.COLUMNS)
            .bind("id", orderId)
            .bind("userId", userId)
            .bind("key", request.idempotencyKey())
            .bind("currency", currency)
            .bind("total", total)
            .bind("address", json.writeValueAsString(request.shippingAddress()));
    Mono<Order> inserted =
        (cart.updatedAt() == null
                ? insert.bindNull("cartUpdatedAt", OffsetDateTime.class)
                : insert.bind("cartUpdatedAt", cart.updatedAt().atOffset(ZoneOffset.UTC)))
            .map(orders::order)
            .one();
    Mono<Void> rest =
        db.sql(
                "INSERT INTO order_items (order_id, product_id, quantity, unit_price)"
                    + " SELECT :id, p, q, u FROM unnest(:products::bigint[], :quantities::int[],"
                    + " :prices::numeric[]) AS i(p, q, u)")
            .bind("id", orderId)
            .bind("products", lines.stream().map(CartLine::productId).toArray(Long[]::new))
            .bind("quantities", lines.stream().map(CartLine::quantity).toArray(Integer[]::new))
            .bind(
                "prices",
                lines.stream().map(l -> l.unitPrice().decimalAmount()).toArray(BigDecimal[]::new))
            .then()
            .then(
                db.sql(
                        "INSERT INTO order_status_history (order_id, status) VALUES (:id, 'PENDING')")
                    .bind("id", orderId)
                    .then())
            .then(
                outbox.record(
                    new OrderPlaced(
                        orderId,
                        userId,
                        items,
                        new Amount(totalMoney.amount(), totalMoney.currencyCode()))))
            .then(
                outbox.record(
                    new OrderStatusChanged(orderId, userId, OrderStatus.PENDING.name(), null)));
    return tx.transactional(inserted.flatMap(order -> rest.thenReturn(order)))
        // handle(): the request's trace ids are in the MDC there (not in doOnNext).
        .handle((order, next) -> {
          log.info("order {} placed by user {}: {} {}", order.id(), userId, total, currency);
          next.next(order);
        });
  }
}
