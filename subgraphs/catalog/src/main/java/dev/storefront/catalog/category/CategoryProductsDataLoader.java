package dev.storefront.catalog.category;

import com.netflix.graphql.dgs.DgsDataLoader;
import dev.storefront.catalog.product.Product;
import dev.storefront.catalog.product.ProductSearch;
import dev.storefront.catalog.product.ProductSort;
import dev.storefront.graphql.pagination.Connection;
import dev.storefront.graphql.pagination.PageRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.dataloader.MappedBatchLoader;
import reactor.core.publisher.Flux;

/**
 * Category.products for many categories at once: keys asking for the same page (size, cursor, sort)
 * share one statement, so the statement count depends on how many different pages a query asks for,
 * not on how many categories it lists.
 */
@DgsDataLoader(name = "categoryProducts")
public class CategoryProductsDataLoader
    implements MappedBatchLoader<CategoryProductsDataLoader.Key, Connection<Product>> {

  public record Key(long categoryId, ProductSort sort, PageRequest page) {}

  private final ProductSearch search;

  public CategoryProductsDataLoader(ProductSearch search) {
    this.search = search;
  }

  @Override
  public CompletionStage<Map<Key, Connection<Product>>> load(Set<Key> keys) {
    Map<PageShape, List<Key>> byShape =
        keys.stream().collect(Collectors.groupingBy(key -> new PageShape(key.sort(), key.page())));
    return Flux.fromIterable(byShape.entrySet())
        .concatMap(group -> loadShape(group.getKey(), group.getValue()))
        .collectMap(Map.Entry::getKey, Map.Entry::getValue)
        .toFuture();
  }

  private Flux<Map.Entry<Key, Connection<Product>>> loadShape(PageShape shape, List<Key> keys) {
    List<Long> ids = keys.stream().map(Key::categoryId).toList();
    return search
        .pagePerCategory(ids, shape.sort(), shape.page())
        .collectList()
        .flatMapMany(rows -> {
          Map<Long, List<Product>> byCategory = new HashMap<>();
          rows.forEach(row ->
              byCategory.computeIfAbsent(row.categoryId(), id -> new ArrayList<>()).add(row));
          return Flux.fromIterable(keys)
              .map(key ->
                  Map.entry(
                      key,
                      Connection.fromRows(
                          byCategory.getOrDefault(key.categoryId(), List.of()),
                          shape.page(),
                          shape.sort()::cursorOf)));
        });
  }

  private record PageShape(ProductSort sort, PageRequest page) {}
}
