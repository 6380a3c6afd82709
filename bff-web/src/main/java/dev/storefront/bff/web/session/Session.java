package dev.storefront.bff.web.session;

import java.time.Instant;

/**
 * A signed-in browser: what bff-web keeps in Redis under the session cookie's id. The browser never
 * sees the tokens; it gets the CSRF token, the user's id and display name.
 *
 * @param id the cookie's value (256 random bits, base64url)
 * @param userId the user's id at accounts
 * @param displayName the user's display name when they signed in
 * @param accessToken the JWT sent to the router as the bearer token
 * @param accessTokenExpiresAt when the router stops accepting it
 * @param refreshToken exchanged for a new pair once, then spent
 * @param refreshTokenExpiresAt when the sign-in ends at the latest
 * @param csrfToken the synchronizer token every state-changing request must carry
 * @param createdAt when the user signed in
 */
public record Session(
    String id,
    String userId,
    String displayName,
    String accessToken,
    Instant accessTokenExpiresAt,
    String refreshToken,
    Instant refreshTokenExpiresAt,
    String csrfToken,
    Instant createdAt) {

  /** The same session with the pair a refresh returned. */
  public Session withTokens(TokenGrant grant) {
    return new Session(
        id,
        userId,
        grant.displayName() == null ? displayName : grant.displayName(),
        grant.accessToken(),
        grant.accessTokenExpiresAt(),
        grant.refreshToken(),
        grant.refreshTokenExpiresAt(),
        csrfToken,
        createdAt);
  }

  @Override
  public String toString() {
    return "Session[user=" + userId + ", accessTokenExpiresAt=" + accessTokenExpiresAt + "]";
  }
}
