package dev.storefront.reviews.product;

import com.netflix.graphql.dgs.DgsDataLoader;
import dev.storefront.reviews.review.ReviewPageDataLoader;
import dev.storefront.reviews.review.ReviewPages;

/** Product.reviews for every product of a request in one statement per page shape. */
@DgsDataLoader(name = "productReviews")
public class ProductReviewsDataLoader extends ReviewPageDataLoader {
  public ProductReviewsDataLoader(ReviewPages pages) {
    super(pages, ReviewPages.Parent.PRODUCT);
  }
}
