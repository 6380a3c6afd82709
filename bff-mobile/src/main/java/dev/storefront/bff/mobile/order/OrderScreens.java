package dev.storefront.bff.mobile.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.storefront.bff.mobile.support.DisplayMoney;
import java.util.List;

/** What the order screens show. */
public final class OrderScreens {

  private OrderScreens() {}

  /** {@code GET /v1/orders}. */
  public record OrderPage(List<OrderSummary> items, String nextCursor) {}

  public record OrderSummary(
      String id, String status, String createdAt, DisplayMoney total, int itemCount) {}

  /** {@code GET /v1/orders/{id}}. */
  public record OrderDetail(
      String id,
      String status,
      String createdAt,
      DisplayMoney total,
      List<Line> items,
      Address shippingAddress,
      List<StatusChange> statusHistory,
      Payment payment,
      String failureReason) {}

  public record Line(
      String productId,
      String name,
      int quantity,
      DisplayMoney unitPrice,
      DisplayMoney lineTotal) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Address(
      String name, String line1, String line2, String postalCode, String city, String country) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record StatusChange(String status, String at, String reason) {}

  /** Null until the order's stock is reserved. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Payment(String status, String failureReason) {}
}
