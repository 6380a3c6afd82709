package dev.storefront.graphql.identity;

import dev.storefront.graphql.error.ClientError;
import dev.storefront.graphql.error.ErrorCode;
import graphql.schema.DataFetchingEnvironment;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The user a request acts for: the subject ({@code sub}) and scopes ({@code scope},
 * space-separated) of the access token this subgraph verified itself (see {@link
 * AccessTokenDecoders}). No header states a user: the router forwards the caller's token, and a
 * caller inside the network cannot claim to be anyone without a token accounts signed. Subgraphs
 * check the router's authorization rules again here, so a gap in the router's rules does not open
 * their data.
 */
public final class CurrentUser {

  public static final String ADMIN_SCOPE = "admin";
  static final String CONTEXT_KEY = "storefront.currentUser";
  static final String SCOPES_CONTEXT_KEY = "storefront.currentUserScopes";
  static final String TOKEN_CONTEXT_KEY = "storefront.currentUserToken";
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

  /**
   * The verified access token the request carried, for reads from another subgraph on the user's
   * behalf ({@code SubgraphClient}); empty for anonymous requests.
   */
  public static Optional<String> accessToken(DataFetchingEnvironment env) {
    return Optional.ofNullable(env.getGraphQlContext().<String>get(TOKEN_CONTEXT_KEY));
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

  /** The scopes of the signed-in user's token; empty for anonymous requests. */
  public static Set<String> scopes(DataFetchingEnvironment env) {
    if (of(env).isEmpty()) {
      return Set.of();
    }
    String scopes = env.getGraphQlContext().get(SCOPES_CONTEXT_KEY);
    if (scopes == null || scopes.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(scopes.trim().split("\\s+")).collect(Collectors.toUnmodifiableSet());
  }

  public static boolean hasScope(DataFetchingEnvironment env, String scope) {
    return scopes(env).contains(scope);
  }

  /**
   * The signed-in user holding {@code scope}: UNAUTHENTICATED without a user, FORBIDDEN without the
   * scope.
   */
  public static String requireScope(DataFetchingEnvironment env, String scope) {
    String user = require(env);
    if (!hasScope(env, scope)) {
      throw new ClientError(ErrorCode.FORBIDDEN, "this operation needs the '" + scope + "' scope");
    }
    return user;
  }

  private static boolean isIdCharacter(int c) {
    return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == '@';
  }
}
