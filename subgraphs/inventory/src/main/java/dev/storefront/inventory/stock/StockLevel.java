package dev.storefront.inventory.stock;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

@Table("stock_levels")
public record StockLevel(@Id Long productId, int onHand, int reserved) {

  public static StockLevel none(long productId) {
    return new StockLevel(productId, 0, 0);
  }

  public int available() {
    return Math.max(onHand - reserved, 0);
  }
}
