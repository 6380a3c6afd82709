package dev.storefront.catalog.category;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsEntityFetcher;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import dev.storefront.catalog.product.Product;
import dev.storefront.catalog.product.ProductSort;
import dev.storefront.graphql.error.ClientError;
import dev.storefront.graphql.pagination.Connection;
import dev.storefront.graphql.pagination.EntityIds;
import dev.storefront.graphql.pagination.PageRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

@DgsComponent
public class CategoryDataFetcher {

  private final CategoryRepository categories;

  public CategoryDataFetcher(CategoryRepository categories) {
    this.categories = categories;
  }

  @DgsQuery
  public CompletableFuture<List<Category>> categories() {
    return categories.findAllByOrderByNameAsc().collectList().contextCapture().toFuture();
  }

  @DgsQuery
  public CompletableFuture<Category> category(
      @InputArgument String id, @InputArgument String slug, DgsDataFetchingEnvironment env) {
    if ((id == null) == (slug == null)) {
      throw ClientError.badUserInput("category takes exactly one of id or slug");
    }
    if (slug != null) {
      return categories.findBySlug(slug).contextCapture().toFuture();
    }
    return byId(id, env);
  }

  @DgsEntityFetcher(name = "Category")
  public CompletableFuture<Category> resolveReference(
      Map<String, Object> representation, DgsDataFetchingEnvironment env) {
    return byId(representation.get("id"), env);
  }

  @DgsData(parentType = "Category", field = "products")
  public CompletableFuture<Connection<Product>> products(
      @InputArgument Integer first,
      @InputArgument String after,
      @InputArgument String sort,
      DgsDataFetchingEnvironment env) {
    Category category = env.getSource();
    var key =
        new CategoryProductsDataLoader.Key(
            category.id(), ProductSort.fromArgument(sort), PageRequest.of(first, after));
    return env.<CategoryProductsDataLoader.Key, Connection<Product>>getDataLoader(
            CategoryProductsDataLoader.class)
        .load(key);
  }

  private static CompletableFuture<Category> byId(Object id, DgsDataFetchingEnvironment env) {
    return EntityIds.parse(id)
        .map(key -> env.<Long, Category>getDataLoader(CategoryDataLoader.class).load(key))
        .orElseGet(() -> CompletableFuture.completedFuture(null));
  }
}
