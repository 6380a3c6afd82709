package dev.storefront.reviews.review;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsEntityFetcher;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import dev.storefront.graphql.pagination.EntityIds;
import dev.storefront.reviews.product.Product;
import dev.storefront.reviews.user.User;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

@DgsComponent
public class ReviewDataFetcher {

  @DgsQuery
  public CompletableFuture<Review> review(
      @InputArgument String id, DgsDataFetchingEnvironment env) {
    return byId(id, env);
  }

  @DgsEntityFetcher(name = "Review")
  public CompletableFuture<Review> resolveReference(
      Map<String, Object> representation, DgsDataFetchingEnvironment env) {
    return byId(representation.get("id"), env);
  }

  /** A reference the router completes from accounts. */
  @DgsData(parentType = "Review", field = "author")
  public User author(DgsDataFetchingEnvironment env) {
    Review review = env.getSource();
    return new User(String.valueOf(review.authorId()));
  }

  /** A reference the router completes from catalog. */
  @DgsData(parentType = "Review", field = "product")
  public Product product(DgsDataFetchingEnvironment env) {
    Review review = env.getSource();
    return new Product(String.valueOf(review.productId()));
  }

  private static CompletableFuture<Review> byId(Object id, DgsDataFetchingEnvironment env) {
    return EntityIds.parse(id)
        .map(key -> env.<Long, Review>getDataLoader(ReviewDataLoader.class).load(key))
        .orElseGet(() -> CompletableFuture.completedFuture(null));
  }
}
