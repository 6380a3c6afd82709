package dev.storefront.accounts.account;

import dev.storefront.accounts.user.User;
import io.r2dbc.spi.Readable;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Users with their credentials and scopes, for signing in and issuing tokens. */
@Component
public class AccountStore {

  private static final String COLUMNS =
      "id, email, display_name, created_at, password_hash, scopes";

  private final DatabaseClient db;

  public AccountStore(DatabaseClient db) {
    this.db = db;
  }

  /** A new account without scopes; empty when the email is taken (the unique index decides). */
  public Mono<Account> create(String email, String displayName, String passwordHash) {
    return db.sql(
            "INSERT INTO users (email, display_name, password_hash) VALUES (:email, :name, :hash)"
                + " ON CONFLICT (email) DO NOTHING RETURNING "
                + COLUMNS)
        .bind("email", email)
        .bind("name", displayName)
        .bind("hash", passwordHash)
        .map(AccountStore::account)
        .one();
  }

  /** The account with this (normalised) email, if any. */
  public Mono<Account> byEmail(String email) {
    return db.sql("SELECT " + COLUMNS + " FROM users WHERE email = :email")
        .bind("email", email)
        .map(AccountStore::account)
        .one();
  }

  public Mono<Account> byId(long id) {
    return db.sql("SELECT " + COLUMNS + " FROM users WHERE id = :id")
        .bind("id", id)
        .map(AccountStore::account)
        .one();
  }

  private static Account account(Readable row) {
    String[] scopes = row.get("scopes", String[].class);
    return new Account(
        new User(
            row.get("id", Long.class),
            row.get("email", String.class),
            row.get("display_name", String.class),
            row.get("created_at", OffsetDateTime.class)),
        row.get("password_hash", String.class),
        scopes == null ? List.of() : Arrays.asList(scopes));
  }
}
