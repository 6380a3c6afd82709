package dev.storefront.bff.mobile.product;

import dev.storefront.bff.mobile.support.DisplayMoney;
import java.util.List;

/** {@code GET /v1/products/{id}}: the product screen. */
public record ProductDetail(
    String id,
    String name,
    String description,
    DisplayMoney price,
    Category category,
    Stock stock,
    Shipping shipping,
    Reviews reviews) {

  public record Category(String id, String name) {}

  public record Stock(boolean inStock, int availableQuantity) {}

  /** Standard shipping for one unit. */
  public record Shipping(DisplayMoney estimate) {}

  /**
   * @param averageRating null when there are no reviews
   * @param latest the three newest reviews
   */
  public record Reviews(Double averageRating, int count, List<Review> latest) {}

  public record Review(
      String id, int rating, String title, String body, String author, String createdAt) {}
}
