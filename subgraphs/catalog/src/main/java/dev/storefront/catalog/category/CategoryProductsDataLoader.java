package dev.storefront.catalog.category;

import com.netflix.graphql.dgs.DgsDataLoader;
import dev.storefront.catalog.product.Product;
import dev.storefront.catalog.product.ProductSearch;
import dev.storefront.catalog.product.ProductSort;
import dev.storefront.graphql.pagination.Connection;
import dev.storefront.graphql.pagination.PageRequest;
import dev.storefront.graphql.pagination.PagesPerParent;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.dataloader.MappedBatchLoader;

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
    return PagesPerParent.load(
        keys,
        key -> new PageShape(key.sort(), key.page()),
        Key::categoryId,
        (shape, categoryIds) ->
            search
                .pagePerCategory(categoryIds, shape.sort(), shape.page())
                .collectList()
                .map(rows ->
                    PagesPerParent.split(
                        rows,
                        categoryIds,
                        Product::categoryId,
                        shape.page(),
                        shape.sort()::cursorOf)));
  }

  private record PageShape(ProductSort sort, PageRequest page) {}
}
