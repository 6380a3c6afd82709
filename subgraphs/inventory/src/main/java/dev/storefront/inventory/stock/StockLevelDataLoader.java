package dev.storefront.inventory.stock;

import com.netflix.graphql.dgs.DgsDataLoader;
import dev.storefront.graphql.dataloader.AbsentKeys;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.dataloader.MappedBatchLoader;

/** Stock per product, one statement per batch; a product never stocked has none. */
@DgsDataLoader(name = "stockLevels")
public class StockLevelDataLoader implements MappedBatchLoader<Long, StockLevel> {

  private final StockLevelRepository stockLevels;

  public StockLevelDataLoader(StockLevelRepository stockLevels) {
    this.stockLevels = stockLevels;
  }

  @Override
  public CompletionStage<Map<Long, StockLevel>> load(Set<Long> productIds) {
    return stockLevels
        .findAllById(productIds)
        .collectMap(StockLevel::productId)
        .map(found -> AbsentKeys.filled(found, productIds, StockLevel::none))
        .contextCapture()
        .toFuture();
  }
}
