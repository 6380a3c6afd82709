package dev.storefront.graphql.pagination;

import java.util.List;
import java.util.function.Function;

/** A Relay connection as the schemas define it: edges and page info. */
public record Connection<T>(List<Edge<T>> edges, PageInfo pageInfo) {

  /**
   * Builds a page from rows fetched with {@link PageRequest#fetchSize()}: the extra row, when
   * present, only says that a next page exists.
   */
  public static <T> Connection<T> fromRows(
      List<T> rows, PageRequest page, Function<T, Cursor> cursorOf) {
    boolean hasNext = rows.size() > page.first();
    List<T> visible = hasNext ? rows.subList(0, page.first()) : rows;
    List<Edge<T>> edges =
        visible.stream().map(row -> new Edge<>(cursorOf.apply(row).encode(), row)).toList();
    return new Connection<>(
        edges,
        new PageInfo(
            hasNext,
            page.after() != null,
            edges.isEmpty() ? null : edges.getFirst().cursor(),
            edges.isEmpty() ? null : edges.getLast().cursor()));
  }

  /** The page of a parent that has no rows (or an id that cannot name one). */
  public static <T> Connection<T> empty(PageRequest page) {
    return new Connection<>(List.of(), new PageInfo(false, page.after() != null, null, null));
  }

  public record Edge<T>(String cursor, T node) {}

  public record PageInfo(
      boolean hasNextPage, boolean hasPreviousPage, String startCursor, String endCursor) {}
}
