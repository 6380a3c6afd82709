package dev.storefront.cart.catalog;

import com.netflix.graphql.dgs.DgsDataLoader;
import dev.storefront.graphql.money.Money;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.dataloader.MappedBatchLoader;

/** The prices of every product a request shows, in one call to the catalog. */
@DgsDataLoader(name = "productPrices")
public class ProductPriceDataLoader implements MappedBatchLoader<Long, Money> {

  private final CatalogProducts catalog;

  public ProductPriceDataLoader(CatalogProducts catalog) {
    this.catalog = catalog;
  }

  @Override
  public CompletionStage<Map<Long, Money>> load(Set<Long> productIds) {
    return catalog.prices(productIds).contextCapture().toFuture();
  }
}
