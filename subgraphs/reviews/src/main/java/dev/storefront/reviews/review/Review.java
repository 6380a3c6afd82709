package dev.storefront.reviews.review;

import dev.storefront.graphql.pagination.Cursor;
import java.time.OffsetDateTime;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

@Table("reviews")
public record Review(
    @Id Long id,
    Long productId,
    Long authorId,
    int rating,
    String title,
    String body,
    OffsetDateTime createdAt) {

  static final String NEWEST_FIRST = "NEWEST";

  Cursor cursor() {
    return Cursor.of(NEWEST_FIRST, createdAt.toString(), String.valueOf(id));
  }
}
