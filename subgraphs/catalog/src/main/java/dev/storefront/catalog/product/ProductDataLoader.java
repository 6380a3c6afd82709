package dev.storefront.catalog.product;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.dataloader.MappedBatchLoader;

/** Products by id, one statement per batch (entity resolution and Query.product). */
@DgsDataLoader(name = "products")
public class ProductDataLoader implements MappedBatchLoader<Long, Product> {

  private final ProductRepository products;

  public ProductDataLoader(ProductRepository products) {
    this.products = products;
  }

  @Override
  public CompletionStage<Map<Long, Product>> load(Set<Long> ids) {
    return products.findAllById(ids).collectMap(Product::id).contextCapture().toFuture();
  }
}
