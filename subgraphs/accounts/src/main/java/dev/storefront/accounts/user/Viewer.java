package dev.storefront.accounts.user;

import dev.storefront.graphql.identity.CurrentUser;
import graphql.schema.DataFetchingEnvironment;

/** Who is looking at a user's data, for fields only the user themself may see. */
public final class Viewer {

  /** The GraphQL type of what register, login and refreshToken answer. */
  static final String SIGN_IN_PAYLOAD = "AuthPayload";

  private Viewer() {}

  /**
   * Whether the request acts for this user: the signed-in user, or someone who just proved to be
   * the user (the user of a sign-in's payload, whose request carries no identity yet).
   */
  public static boolean isSelf(DataFetchingEnvironment env, Long userId) {
    if (userId == null) {
      return false;
    }
    var user = env.getExecutionStepInfo().getParent();
    if (user != null && SIGN_IN_PAYLOAD.equals(user.getObjectType().getName())) {
      return true;
    }
    return CurrentUser.of(env).map(id -> id.equals(String.valueOf(userId))).orElse(false);
  }

  public static boolean isSelfOrAdministrator(DataFetchingEnvironment env, Long userId) {
    return isSelf(env, userId) || CurrentUser.hasScope(env, CurrentUser.ADMIN_SCOPE);
  }
}
