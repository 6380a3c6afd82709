package dev.storefront.catalog.product;

import dev.storefront.graphql.money.Money;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

@Table("products")
public record Product(
    @Id Long id,
    String sku,
    String name,
    String description,
    BigDecimal priceAmount,
    String currencyCode,
    int weightGrams,
    Long categoryId,
    OffsetDateTime createdAt) {

  /** The GraphQL {@code price} field. */
  public Money price() {
    return Money.of(priceAmount, currencyCode);
  }
}
