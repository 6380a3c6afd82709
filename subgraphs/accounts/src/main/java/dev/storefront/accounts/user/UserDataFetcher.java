package dev.storefront.accounts.user;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsEntityFetcher;
import com.netflix.graphql.dgs.DgsQuery;
import com.netflix.graphql.dgs.InputArgument;
import dev.storefront.graphql.error.ClientError;
import dev.storefront.graphql.identity.CurrentUser;
import dev.storefront.graphql.pagination.Connection;
import dev.storefront.graphql.pagination.EntityIds;
import dev.storefront.graphql.pagination.PageRequest;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

@DgsComponent
public class UserDataFetcher {

  private final UserRepository users;

  public UserDataFetcher(UserRepository users) {
    this.users = users;
  }

  /** The signed-in user; null when the token's subject has no account (any more). */
  @DgsQuery
  public CompletableFuture<User> me(DgsDataFetchingEnvironment env) {
    return byId(CurrentUser.require(env), env);
  }

  /** Anyone may look a user up: the public profile is display name and sign-up date. */
  @DgsQuery
  public CompletableFuture<User> user(@InputArgument String id, DgsDataFetchingEnvironment env) {
    return byId(id, env);
  }

  @DgsQuery
  public CompletableFuture<Connection<User>> users(
      @InputArgument Integer first, @InputArgument String after, DgsDataFetchingEnvironment env) {
    CurrentUser.requireScope(env, CurrentUser.ADMIN_SCOPE);
    PageRequest page = PageRequest.of(first, after);
    long afterId = 0;
    if (page.after() != null) {
      String value = page.after().valuesFor(User.SIGN_UP_ORDER, 1).getFirst();
      afterId =
          EntityIds.parse(value)
              .orElseThrow(() -> ClientError.badUserInput("after", "The cursor is malformed"));
    }
    return users
        .pageAfter(afterId, page.fetchSize())
        .collectList()
        .map(rows -> Connection.fromRows(rows, page, User::cursor))
        .contextCapture()
        .toFuture();
  }

  /**
   * Null rather than an error for everyone else, so that a list of users (reviews' authors) still
   * resolves when it asks for emails.
   */
  @DgsData(parentType = "User", field = "email")
  public String email(DgsDataFetchingEnvironment env) {
    User user = env.getSource();
    return Viewer.isSelfOrAdministrator(env, user.id()) ? user.email() : null;
  }

  @DgsEntityFetcher(name = "User")
  public CompletableFuture<User> resolveReference(
      Map<String, Object> representation, DgsDataFetchingEnvironment env) {
    return byId(representation.get("id"), env);
  }

  private static CompletableFuture<User> byId(Object id, DgsDataFetchingEnvironment env) {
    return EntityIds.parse(id)
        .map(key -> env.<Long, User>getDataLoader(UserDataLoader.class).load(key))
        .orElseGet(() -> CompletableFuture.completedFuture(null));
  }
}
