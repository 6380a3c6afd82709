package dev.storefront.accounts.address;

import dev.storefront.graphql.error.ClientError;
import dev.storefront.graphql.error.ErrorCode;
import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The {@code addresses} table. Changes to one user's book take that user's row lock first, so
 * concurrent changes cannot exceed the limit or leave two defaults (or none).
 */
@Component
class AddressBook {

  static final int MAX_ADDRESSES = 20;

  private static final String COLUMNS =
      "id, user_id, label, name, line1, line2, postal_code, city, country, is_default, created_at";

  private final DatabaseClient db;
  private final TransactionalOperator tx;

  AddressBook(DatabaseClient db, TransactionalOperator tx) {
    this.db = db;
    this.tx = tx;
  }

  /** The books of these users in one statement, each default first, then oldest first. */
  Mono<Map<Long, List<SavedAddress>>> of(Collection<Long> userIds) {
    return db.sql(
            "SELECT "
                + COLUMNS
                + " FROM addresses WHERE user_id = ANY(:users)"
                + " ORDER BY user_id, is_default DESC, created_at, id")
        .bind("users", userIds.toArray(Long[]::new))
        .map(AddressBook::address)
        .all()
        .collect(Collectors.groupingBy(SavedAddress::userId));
  }

  /** Adds the address; the user's first address becomes the default whatever was asked. */
  Mono<SavedAddress> add(long userId, NewAddress address) {
    Mono<SavedAddress> adding =
        lockBook(userId)
            .then(
                db.sql("SELECT count(*) AS n FROM addresses WHERE user_id = :user")
                    .bind("user", userId)
                    .map(row -> row.get("n", Long.class))
                    .one())
            .flatMap(count -> {
              if (count >= MAX_ADDRESSES) {
                return Mono.error(
                    ClientError.badUserInput(
                        "input", "an address book holds at most " + MAX_ADDRESSES + " addresses"));
              }
              boolean makeDefault = address.isDefault() || count == 0;
              return (makeDefault ? clearDefault(userId) : Mono.<Void>empty())
                  .then(insert(userId, address, makeDefault));
            });
    return tx.transactional(adding);
  }

  /**
   * Removes the user's address; false when the user has none with this id. When it was the default,
   * the oldest remaining address becomes the default.
   */
  Mono<Boolean> remove(long userId, long addressId) {
    Mono<Boolean> removing =
        lockBook(userId)
            .then(
                db.sql(
                        "DELETE FROM addresses WHERE id = :id AND user_id = :user"
                            + " RETURNING is_default")
                    .bind("id", addressId)
                    .bind("user", userId)
                    .map(row -> row.get("is_default", Boolean.class))
                    .one())
            .flatMap(wasDefault ->
                (wasDefault ? promoteOldest(userId) : Mono.<Void>empty()).thenReturn(true))
            .defaultIfEmpty(false);
    return tx.transactional(removing);
  }

  private Mono<Void> lockBook(long userId) {
    return db.sql("SELECT id FROM users WHERE id = :user FOR UPDATE")
        .bind("user", userId)
        .map(row -> row.get("id", Long.class))
        .one()
        .switchIfEmpty(
            Mono.error(() ->
                new ClientError(ErrorCode.UNAUTHENTICATED, "the signed-in user has no account")))
        .then();
  }

  private Mono<Void> clearDefault(long userId) {
    return db.sql("UPDATE addresses SET is_default = false WHERE user_id = :user AND is_default")
        .bind("user", userId)
        .then();
  }

  private Mono<Void> promoteOldest(long userId) {
    return db.sql(
            "UPDATE addresses SET is_default = true WHERE id ="
                + " (SELECT id FROM addresses WHERE user_id = :user ORDER BY created_at, id LIMIT 1)")
        .bind("user", userId)
        .then();
  }

  private Mono<SavedAddress> insert(long userId, NewAddress address, boolean isDefault) {
    var statement =
        db.sql(
                "INSERT INTO addresses (user_id, label, name, line1, line2, postal_code, city,"
                    + " country, is_default) VALUES (:user, :label, :name, :line1, :line2,"
                    + " :postalCode, :city, :country, :isDefault) RETURNING "
                    + COLUMNS)
            .bind("user", userId)
            .bind("name", address.name())
            .bind("line1", address.line1())
            .bind("postalCode", address.postalCode())
            .bind("city", address.city())
            .bind("country", address.country())
            .bind("isDefault", isDefault);
    statement = bindNullable(statement, "label", address.label());
    statement = bindNullable(statement, "line2", address.line2());
    return statement.map(AddressBook::address).one();
  }

  private static DatabaseClient.GenericExecuteSpec bindNullable(
      DatabaseClient.GenericExecuteSpec statement, String name, String value) {
    return value == null ? statement.bindNull(name, String.class) : statement.bind(name, value);
  }

  private static SavedAddress address(Readable row) {
    return new SavedAddress(
        row.get("id", Long.class),
        row.get("user_id", Long.class),
        row.get("label", String.class),
        row.get("name", String.class),
        row.get("line1", String.class),
        row.get("line2", String.class),
        row.get("postal_code", String.class),
        row.get("city", String.class),
        row.get("country", String.class),
        row.get("is_default", Boolean.class),
        row.get("created_at", OffsetDateTime.class));
  }
}
