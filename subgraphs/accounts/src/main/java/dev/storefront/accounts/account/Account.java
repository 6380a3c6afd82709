package dev.storefront.accounts.account;

import dev.storefront.accounts.user.User;
import java.util.List;

/**
 * A user with what signs them in and what they may do: never handed to GraphQL as such.
 *
 * @param passwordHash null when the account has no password
 * @param scopes granted to the user's access tokens (e.g. {@code admin})
 */
public record Account(User user, String passwordHash, List<String> scopes) {

  public Account {
    scopes = List.copyOf(scopes);
  }

  public long id() {
    return user.id();
  }
}
