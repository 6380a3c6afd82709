package dev.storefront.graphql.pagination;

import dev.storefront.graphql.error.ClientError;

/**
 * A validated Relay page request: how many items ({@code first}) after which cursor. Page size
 * defaults to 20 and may not exceed 100, so no request can ask a subgraph for an unbounded list.
 */
public record PageRequest(int first, Cursor after) {

  public static final int DEFAULT_PAGE_SIZE = 20;
  public static final int MAX_PAGE_SIZE = 100;

  public static PageRequest of(Integer first, String after) {
    int size = first == null ? DEFAULT_PAGE_SIZE : first;
    if (size < 0) {
      throw ClientError.badUserInput(
          "first", "first must not be negative (got %d)".formatted(size));
    }
    if (size > MAX_PAGE_SIZE) {
      throw ClientError.badUserInput(
          "first", "first must be at most %d (got %d)".formatted(MAX_PAGE_SIZE, size));
    }
    return new PageRequest(size, after == null ? null : Cursor.decode(after));
  }

  /** One more row than the page holds tells whether there is a next page. */
  public int fetchSize() {
    return first + 1;
  }
}
