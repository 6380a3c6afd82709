package dev.storefront.catalog.product;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsEntityFetcher;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import dev.storefront.catalog.category.Category;
import dev.storefront.catalog.category.CategoryDataLoader;
import dev.storefront.graphql.pagination.Connection;
import dev.storefront.graphql.pagination.EntityIds;
import dev.storefront.graphql.pagination.PageRequest;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

@DgsComponent
public class ProductDataFetcher {

  private final ProductSearch search;

  public ProductDataFetcher(ProductSearch search) {
    this.search = search;
  }

  @DgsQuery
  public CompletableFuture<Connection<Product>> products(
      @InputArgument Integer first,
      @InputArgument String after,
      @InputArgument("filter") Map<String, Object> filter,
      @InputArgument String sort) {
    PageRequest page = PageRequest.of(first, after);
    ProductSort order = ProductSort.fromArgument(sort);
    return search
        .page(ProductFilter.fromArgument(filter), order, page)
        .collectList()
        .map(rows -> Connection.fromRows(rows, page, order::cursorOf))
        .contextCapture()
        .toFuture();
  }

  @DgsQuery
  public CompletableFuture<Product> product(
      @InputArgument String id, DgsDataFetchingEnvironment env) {
    return EntityIds.parse(id)
        .map(key -> env.<Long, Product>getDataLoader(ProductDataLoader.class).load(key))
        .orElseGet(() -> CompletableFuture.completedFuture(null));
  }

  @DgsEntityFetcher(name = "Product")
  public CompletableFuture<Product> resolveReference(
      Map<String, Object> representation, DgsDataFetchingEnvironment env) {
    return product((String) representation.get("id"), env);
  }

  @DgsData(parentType = "Product", field = "category")
  public CompletableFuture<Category> category(DgsDataFetchingEnvironment env) {
    Product product = env.getSource();
    if (product.categoryId() == null) {
      return CompletableFuture.completedFuture(null);
    }
    return env.<Long, Category>getDataLoader(CategoryDataLoader.class).load(product.categoryId());
  }
}
