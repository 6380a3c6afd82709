package dev.storefront.reviews.product;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsEntityFetcher;
import com.netflix.graphql.dgs.InputArgument;
import dev.storefront.graphql.pagination.Connection;
import dev.storefront.graphql.pagination.EntityIds;
import dev.storefront.reviews.rating.RatingSummary;
import dev.storefront.reviews.rating.RatingSummaryDataLoader;
import dev.storefront.reviews.review.Review;
import dev.storefront.reviews.review.ReviewPageDataLoader;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** What reviews add to catalog's Product: its reviews and their rating summary. */
@DgsComponent
public class ProductReviewsDataFetcher {

  @DgsEntityFetcher(name = "Product")
  public Product resolveReference(Map<String, Object> representation) {
    return new Product(String.valueOf(representation.get("id")));
  }

  @DgsData(parentType = "Product", field = "reviews")
  public CompletableFuture<Connection<Review>> reviews(
      @InputArgument Integer first, @InputArgument String after, DgsDataFetchingEnvironment env) {
    Product product = env.getSource();
    return ReviewPageDataLoader.pageFor(
        env, ProductReviewsDataLoader.class, product.id(), first, after);
  }

  @DgsData(parentType = "Product", field = "averageRating")
  public CompletableFuture<Double> averageRating(DgsDataFetchingEnvironment env) {
    return summary(env).thenApply(RatingSummary::roundedAverage);
  }

  @DgsData(parentType = "Product", field = "reviewCount")
  public CompletableFuture<Integer> reviewCount(DgsDataFetchingEnvironment env) {
    return summary(env).thenApply(RatingSummary::count);
  }

  private static CompletableFuture<RatingSummary> summary(DgsDataFetchingEnvironment env) {
    Product product = env.getSource();
    return EntityIds.parse(product.id())
        .map(id -> env.<Long, RatingSummary>getDataLoader(RatingSummaryDataLoader.class).load(id))
        .orElseGet(() -> CompletableFuture.completedFuture(RatingSummary.none(0)));
  }
}
