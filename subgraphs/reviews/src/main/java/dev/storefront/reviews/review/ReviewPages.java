package dev.storefront.reviews.review;

import dev.storefront.graphql.error.ClientError;
import dev.storefront.graphql.pagination.Connection;
import dev.storefront.graphql.pagination.PageRequest;
import dev.storefront.graphql.pagination.PagesPerParent;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.springframework.data.r2dbc.core.R2dbcEntityTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Newest-first review pages for many parents (products or authors) in one statement: rows are
 * ranked per parent and cut at the page size, so listing 100 products with their reviews costs the
 * same as listing 10.
 */
@Component
public class ReviewPages {

  /** The column that links a review to the parent whose pages are asked for. */
  public enum Parent {
    PRODUCT("product_id"),
    AUTHOR("author_id");

    final String column;

    Parent(String column) {
      this.column = column;
    }

    long of(Review review) {
      return this == PRODUCT ? review.productId() : review.authorId();
    }
  }

  private final R2dbcEntityTemplate template;

  public ReviewPages(R2dbcEntityTemplate template) {
    this.template = template;
  }

  public Mono<Map<Long, Connection<Review>>> pages(
      Parent parent, Collection<Long> parentIds, PageRequest page) {
    var spec = template.getDatabaseClient().sql(sql(parent, page));
    spec = spec.bind("ids", parentIds.toArray(Long[]::new)).bind("limit", page.fetchSize());
    if (page.after() != null) {
      var position = position(page);
      spec = spec.bind("afterCreatedAt", position.createdAt()).bind("afterId", position.id());
    }
    return spec.map((row, metadata) -> template.getConverter().read(Review.class, row, metadata))
        .all()
        .collectList()
        .map(rows -> PagesPerParent.split(rows, parentIds, parent::of, page, Review::cursor));
  }

  private static String sql(Parent parent, PageRequest page) {
    var conditions = new ArrayList<>(List.of("r." + parent.column + " = ANY(:ids)"));
    if (page.after() != null) {
      conditions.add("(r.created_at, r.id) < (:afterCreatedAt, :afterId)");
    }
    return "SELECT id, product_id, author_id, rating, title, body, created_at FROM ("
        + "SELECT r.*, row_number() OVER (PARTITION BY r."
        + parent.column
        + " ORDER BY r.created_at DESC, r.id DESC) AS position FROM reviews r WHERE "
        + String.join(" AND ", conditions)
        + ") ranked WHERE position <= :limit ORDER BY "
        + parent.column
        + ", position";
  }

  private record Position(OffsetDateTime createdAt, long id) {}

  private static Position position(PageRequest page) {
    List<String> values = page.after().valuesFor(Review.NEWEST_FIRST, 2);
    try {
      return new Position(OffsetDateTime.parse(values.get(0)), Long.parseLong(values.get(1)));
    } catch (DateTimeParseException | NumberFormatException e) {
      throw ClientError.badUserInput("after", "The cursor is malformed");
    }
  }
}
