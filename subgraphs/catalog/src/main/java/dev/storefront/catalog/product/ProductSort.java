package dev.storefront.catalog.product;

import dev.storefront.graphql.error.ClientError;
import dev.storefront.graphql.pagination.Cursor;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;

/**
 * The schema's ProductSort: which column orders a page, in which direction, and how that column's
 * value travels inside a keyset cursor. The id breaks ties so every order is total.
 */
public enum ProductSort {
  NAME_ASC("name", false, Product::name, value -> value),
  NAME_DESC("name", true, Product::name, value -> value),
  PRICE_ASC("price_amount", false, p -> p.priceAmount().toPlainString(), BigDecimal::new),
  PRICE_DESC("price_amount", true, p -> p.priceAmount().toPlainString(), BigDecimal::new),
  NEWEST("created_at", true, p -> p.createdAt().toString(), OffsetDateTime::parse);

  private final String column;
  private final boolean descending;
  private final Function<Product, String> cursorValue;
  private final Function<String, Object> parseCursorValue;

  ProductSort(
      String column,
      boolean descending,
      Function<Product, String> cursorValue,
      Function<String, Object> parseCursorValue) {
    this.column = column;
    this.descending = descending;
    this.cursorValue = cursorValue;
    this.parseCursorValue = parseCursorValue;
  }

  public static ProductSort fromArgument(String value) {
    return value == null ? NAME_ASC : valueOf(value);
  }

  /** ORDER BY clause; {@code prefix} qualifies the columns (e.g. "p."). */
  String orderBy(String prefix) {
    String direction = descending ? " DESC" : " ASC";
    return prefix + column + direction + ", " + prefix + "id" + direction;
  }

  /** Rows strictly after the cursor in this order; binds :afterValue and :afterId. */
  String afterCondition(String prefix) {
    return "("
        + prefix
        + column
        + ", "
        + prefix
        + "id) "
        + (descending ? "<" : ">")
        + " (:afterValue, :afterId)";
  }

  public Cursor cursorOf(Product product) {
    return Cursor.of(name(), cursorValue.apply(product), String.valueOf(product.id()));
  }

  /** The sort key value and the id a cursor carries, typed for binding. */
  AfterPosition positionOf(Cursor cursor) {
    List<String> values = cursor.valuesFor(name(), 2);
    try {
      return new AfterPosition(
          parseCursorValue.apply(values.get(0)), Long.parseLong(values.get(1)));
    } catch (NumberFormatException | DateTimeParseException e) {
      throw ClientError.badUserInput("after", "The cursor is malformed");
    }
  }

  record AfterPosition(Object value, long id) {}
}
