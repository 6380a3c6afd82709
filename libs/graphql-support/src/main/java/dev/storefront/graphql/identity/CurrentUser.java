package dev.storefront.graphql.identity;

import dev.storefront.graphql.error.ClientError;
import dev.storefront.graphql.error.ErrorCode;
import graphql.schema.DataFetchingEnvironment;
import java.util.Optional;

/**
 * The user a request acts for, as the router states it in {@value #HEADER}. Subgraphs trust the
 * header because only the router can reach them (see {@code RouterOnlyFilter}); the router is what
 * establishes who the caller is.
 */
public final class CurrentUser {

  public static final String HEADER = "X-User-Id";
  static final String CONTEXT_KEY = "storefront.currentUser";
  private static final int MAX_LENGTH = 128;

  private CurrentUser() {}

  public static Optional<String> of(DataFetchingEnvironment env) {
    String id = env.getGraphQlContext().get(CONTEXT_KEY);
    if (id == null || id.isBlank()) {
      return Optional.empty();
    }
    if (id.length() > MAX_LENGTH || !id.chars().allMatch(CurrentUser::isIdCharacter)) {
      throw new ClientError(
          ErrorCode.UNAUTHENTICATED, "the user id the request carries is malformed");
    }
    return Optional.of(id);
  }

  /** The user, or UNAUTHENTICATED: for fields that only make sense for someone signed in. */
  public static String require(DataFetchingEnvironment env) {
    return of(env)
        .orElseThrow(() -> new ClientError(ErrorCode.UNAUTHENTICATED, "sign in to use this field"));
  }

  /**
   * Data of user {@code ownerId} is visible to that user only; to anyone else it does not exist.
   */
  public static String requireOwner(DataFetchingEnvironment env, String ownerId, String what) {
    String user = require(env);
    if (!user.equals(ownerId)) {
      throw ClientError.notFound(what + " not found");
    }
    return user;
  }

  private static boolean isIdCharacter(int c) {
    return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == '@';
  }
}
