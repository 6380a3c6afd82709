package dev.storefront.payments.payment;

import dev.storefront.graphql.money.Money;
import io.r2dbc.spi.Readable;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;

@Repository
public class PaymentRows {

  private final DatabaseClient db;

  public PaymentRows(DatabaseClient db) {
    this.db = db;
  }

  public Flux<Payment> byOrderIds(Collection<UUID> orderIds) {
    return db.sql(
            "SELECT id, order_id, user_id, status, amount, currency_code, intent_id,"
                + " failure_reason, created_at, updated_at FROM payments WHERE order_id = ANY(:ids)")
        .bind("ids", orderIds.toArray(UUID[]::new))
        .map(PaymentRows::payment)
        .all();
  }

  static Payment payment(Readable row) {
    return new Payment(
        row.get("id", UUID.class).toString(),
        row.get("order_id", UUID.class).toString(),
        row.get("user_id", String.class),
        row.get("status", String.class),
        Money.of(row.get("amount", BigDecimal.class), row.get("currency_code", String.class)),
        row.get("intent_id", String.class),
        row.get("failure_reason", String.class),
        row.get("created_at", OffsetDateTime.class),
        row.get("updated_at", OffsetDateTime.class));
  }
}
