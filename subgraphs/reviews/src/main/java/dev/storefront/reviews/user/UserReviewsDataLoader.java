package dev.storefront.reviews.user;

import com.netflix.graphql.dgs.DgsDataLoader;
import dev.storefront.reviews.review.ReviewPageDataLoader;
import dev.storefront.reviews.review.ReviewPages;

/** User.reviews for every user of a request in one statement per page shape. */
@DgsDataLoader(name = "userReviews")
public class UserReviewsDataLoader extends ReviewPageDataLoader {
  public UserReviewsDataLoader(ReviewPages pages) {
    super(pages, ReviewPages.Parent.AUTHOR);
  }
}
