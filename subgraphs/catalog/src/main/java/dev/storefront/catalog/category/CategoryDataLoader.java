package dev.storefront.catalog.category;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.dataloader.MappedBatchLoader;

/** Categories by id, one statement per batch (Product.category and entity resolution). */
@DgsDataLoader(name = "categories")
public class CategoryDataLoader implements MappedBatchLoader<Long, Category> {

  private final CategoryRepository categories;

  public CategoryDataLoader(CategoryRepository categories) {
    this.categories = categories;
  }

  @Override
  public CompletionStage<Map<Long, Category>> load(Set<Long> ids) {
    return categories.findAllById(ids).collectMap(Category::id).contextCapture().toFuture();
  }
}
