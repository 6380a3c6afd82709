package dev.storefront.accounts.user;

import dev.storefront.graphql.pagination.Cursor;
import java.time.OffsetDateTime;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A user's profile. The email is here for {@link UserDataFetcher#email}, which shows it only to the
 * user and to administrators; credentials and scopes live in {@code account.Account}.
 */
@Table("users")
public record User(@Id Long id, String email, String displayName, OffsetDateTime createdAt) {

  static final String SIGN_UP_ORDER = "ID_ASC";

  Cursor cursor() {
    return Cursor.of(SIGN_UP_ORDER, String.valueOf(id));
  }
}
