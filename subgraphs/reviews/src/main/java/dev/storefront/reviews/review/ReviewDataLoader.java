package dev.storefront.reviews.review;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.dataloader.MappedBatchLoader;

/** Reviews by id, one statement per batch (entity resolution and Query.review). */
@DgsDataLoader(name = "reviews")
public class ReviewDataLoader implements MappedBatchLoader<Long, Review> {

  private final ReviewRepository reviews;

  public ReviewDataLoader(ReviewRepository reviews) {
    this.reviews = reviews;
  }

  @Override
  public CompletionStage<Map<Long, Review>> load(Set<Long> ids) {
    return reviews.findAllById(ids).collectMap(Review::id).contextCapture().toFuture();
  }
}
