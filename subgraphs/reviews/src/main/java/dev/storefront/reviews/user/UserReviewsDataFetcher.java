package dev.storefront.reviews.user;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsEntityFetcher;
import com.netflix.graphql.dgs.InputArgument;
import dev.storefront.graphql.pagination.Connection;
import dev.storefront.reviews.review.Review;
import dev.storefront.reviews.review.ReviewPageDataLoader;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** What reviews add to accounts' User: the reviews they wrote. */
@DgsComponent
public class UserReviewsDataFetcher {

  @DgsEntityFetcher(name = "User")
  public User resolveReference(Map<String, Object> representation) {
    return new User(String.valueOf(representation.get("id")));
  }

  @DgsData(parentType = "User", field = "reviews")
  public CompletableFuture<Connection<Review>> reviews(
      @InputArgument Integer first, @InputArgument String after, DgsDataFetchingEnvironment env) {
    User user = env.getSource();
    return ReviewPageDataLoader.pageFor(env, UserReviewsDataLoader.class, user.id(), first, after);
  }
}
