package dev.storefront.reviews.rating;

import com.netflix.graphql.dgs.DgsDataLoader;
import dev.storefront.graphql.dataloader.AbsentKeys;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.dataloader.MappedBatchLoader;
import org.springframework.r2dbc.core.DatabaseClient;

/** Rating summaries for a batch of products in one aggregate statement. */
@DgsDataLoader(name = "ratingSummaries")
public class RatingSummaryDataLoader implements MappedBatchLoader<Long, RatingSummary> {

  private final DatabaseClient database;

  public RatingSummaryDataLoader(DatabaseClient database) {
    this.database = database;
  }

  @Override
  public CompletionStage<Map<Long, RatingSummary>> load(Set<Long> productIds) {
    return database
        .sql(
            "SELECT product_id, count(*) AS reviews, avg(rating) AS average FROM reviews"
                + " WHERE product_id = ANY(:ids) GROUP BY product_id")
        .bind("ids", productIds.toArray(Long[]::new))
        .map(row ->
            new RatingSummary(
                row.get("product_id", Long.class),
                row.get("reviews", Long.class).intValue(),
                row.get("average", BigDecimal.class)))
        .all()
        .collectMap(RatingSummary::productId)
        .map(found -> AbsentKeys.filled(found, productIds, RatingSummary::none))
        .contextCapture()
        .toFuture();
  }
}
