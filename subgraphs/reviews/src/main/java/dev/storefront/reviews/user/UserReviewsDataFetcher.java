package dev.storefront.reviews.user;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsEntityFetcher;
import com.netflix.graphql.dgs.InputArgument;
import dev.storefront.graphql.pagination.Connection;
import dev.storefront.graphql.pagination.EntityIds;
import dev.storefront.graphql.pagination.PageRequest;
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
    PageRequest page = PageRequest.of(first, after);
    User user = env.getSource();
    return EntityIds.parse(user.id())
        .map(id ->
            env.<ReviewPageDataLoader.Key, Connection<Review>>getDataLoader(
                    UserReviewsDataLoader.class)
                .load(new ReviewPageDataLoader.Key(id, page)))
        .orElseGet(() -> CompletableFuture.completedFuture(Connection.empty(page)));
  }
}
