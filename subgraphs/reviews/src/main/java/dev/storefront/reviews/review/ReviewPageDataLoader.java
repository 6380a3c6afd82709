package dev.storefront.reviews.review;

import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import dev.storefront.graphql.pagination.Connection;
import dev.storefront.graphql.pagination.EntityIds;
import dev.storefront.graphql.pagination.PageRequest;
import dev.storefront.graphql.pagination.PagesPerParent;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.dataloader.MappedBatchLoader;

/**
 * Review pages keyed by parent and page request. Keys that ask for the same page (size and cursor)
 * share one statement; the subclasses say which parent the pages belong to.
 */
public abstract class ReviewPageDataLoader
    implements MappedBatchLoader<ReviewPageDataLoader.Key, Connection<Review>> {

  public record Key(long parentId, PageRequest page) {}

  private final ReviewPages pages;
  private final ReviewPages.Parent parent;

  protected ReviewPageDataLoader(ReviewPages pages, ReviewPages.Parent parent) {
    this.pages = pages;
    this.parent = parent;
  }

  /** The page a field asks for, for the parent with this id, through the given loader. */
  public static CompletableFuture<Connection<Review>> pageFor(
      DgsDataFetchingEnvironment env,
      Class<? extends ReviewPageDataLoader> loader,
      String parentId,
      Integer first,
      String after) {
    PageRequest page = PageRequest.of(first, after);
    return EntityIds.parse(parentId)
        .map(id -> env.<Key, Connection<Review>>getDataLoader(loader).load(new Key(id, page)))
        .orElseGet(() -> CompletableFuture.completedFuture(Connection.empty(page)));
  }

  @Override
  public CompletionStage<Map<Key, Connection<Review>>> load(Set<Key> keys) {
    return PagesPerParent.load(
        keys, Key::page, Key::parentId, (page, parentIds) -> pages.pages(parent, parentIds, page));
  }
}
