package dev.storefront.orders.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.testsupport.SubgraphTest;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.UUID;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;

/**
 * The saga gauges read the orders table on their loop: an order left PENDING for an hour shows as
 * the oldest open order's age and in the PENDING count; a final order is not open.
 */
@SubgraphTest
@TestPropertySource(properties = "storefront.orders.metrics.period=200ms")
class OrderStateGaugesTest {

  @Autowired MeterRegistry meters;
  @Autowired DatabaseClient db;

  final String user = "gauges-" + UUID.randomUUID();

  @AfterEach
  void removeOrders() {
    db.sql("DELETE FROM orders WHERE user_id = :u").bind("u", user).fetch().rowsUpdated().block();
  }

  @Test
  void anHourOldPendingOrderIsTheOldestOpenOneAndCountsAsPending() throws InterruptedException {
    double pendingBefore = gauge("storefront_orders", "PENDING").getAsDouble();
    insert("PENDING", "1 hour");
    insert("CONFIRMED", "2 hours");

    assertThat(await(oldestOpenAge(), v -> v >= 3600)).isBetween(3600.0, 3600.0 + 600);
    assertThat(await(gauge("storefront_orders", "PENDING"), v -> v >= pendingBefore + 1))
        .isGreaterThanOrEqualTo(pendingBefore + 1);
  }

  void insert(String status, String age) {
    db.sql(
            "INSERT INTO orders (id, user_id, idempotency_key, status, currency_code, total_amount,"
                + " shipping_address, created_at) VALUES (:id, :u, :k, :s, 'USD', 1.00, '{}'::jsonb,"
                + " now() - CAST(:age AS interval))")
        .bind("id", UUID.randomUUID())
        .bind("u", user)
        .bind("k", UUID.randomUUID().toString())
        .bind("s", status)
        .bind("age", age)
        .fetch()
        .rowsUpdated()
        .block();
  }

  DoubleSupplier oldestOpenAge() {
    return () -> meters.get("storefront_orders_oldest_open_age_seconds").gauge().value();
  }

  DoubleSupplier gauge(String name, String state) {
    return () -> meters.get(name).tag("state", state).gauge().value();
  }

  static double await(DoubleSupplier value, java.util.function.DoublePredicate done)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    double current = value.getAsDouble();
    while (!done.test(current) && System.nanoTime() < deadline) {
      Thread.sleep(50);
      current = value.getAsDouble();
    }
    return current;
  }
}
