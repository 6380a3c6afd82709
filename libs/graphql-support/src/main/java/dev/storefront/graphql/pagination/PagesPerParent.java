package dev.storefront.graphql.pagination;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The DataLoader convention for connections that hang off many parents (a category's products, a
 * product's reviews): keys asking for the same page shape (size, cursor, sort) are loaded with one
 * call, which ranks rows per parent; the rows are then split into each parent's page. The statement
 * count depends on how many different pages a request asks for, not on how many parents it lists.
 */
public final class PagesPerParent {

  private PagesPerParent() {}

  /** Loads every key; {@code loadShape} answers one shape for a list of parent ids. */
  public static <K, S, T> CompletionStage<Map<K, Connection<T>>> load(
      Set<K> keys,
      Function<K, S> shapeOf,
      Function<K, Long> parentOf,
      BiFunction<S, List<Long>, Mono<Map<Long, Connection<T>>>> loadShape) {
    Map<S, List<K>> byShape = keys.stream().collect(Collectors.groupingBy(shapeOf));
    return Flux.fromIterable(byShape.entrySet())
        .concatMap(group -> {
          List<K> shapeKeys = group.getValue();
          List<Long> parents = shapeKeys.stream().map(parentOf).distinct().toList();
          return loadShape
              .apply(group.getKey(), parents)
              .flatMapIterable(pages ->
                  shapeKeys.stream()
                      .map(key -> Map.entry(key, pages.get(parentOf.apply(key))))
                      .toList());
        })
        .collectMap(Map.Entry::getKey, Map.Entry::getValue)
        .contextCapture()
        .toFuture();
  }

  /**
   * Splits rows fetched with one more than the page size per parent into each parent's page;
   * parents without rows get an empty one.
   */
  public static <T> Map<Long, Connection<T>> split(
      List<T> rows,
      Collection<Long> parentIds,
      Function<T, Long> parentOf,
      PageRequest page,
      Function<T, Cursor> cursorOf) {
    Map<Long, List<T>> byParent = new HashMap<>();
    rows.forEach(
        row -> byParent.computeIfAbsent(parentOf.apply(row), id -> new ArrayList<>()).add(row));
    Map<Long, Connection<T>> pages = new HashMap<>();
    parentIds.forEach(id ->
        pages.put(id, Connection.fromRows(byParent.getOrDefault(id, List.of()), page, cursorOf)));
    return pages;
  }
}
