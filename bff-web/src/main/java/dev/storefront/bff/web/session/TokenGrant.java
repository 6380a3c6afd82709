package dev.storefront.bff.web.session;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;

/**
 * The tokens {@code login} and {@code refreshToken} answer with ({@code AuthPayload}), with the
 * access token's lifetime turned into an instant.
 */
public record TokenGrant(
    String userId,
    String displayName,
    String accessToken,
    Instant accessTokenExpiresAt,
    String refreshToken,
    Instant refreshTokenExpiresAt) {

  /**
   * Reads an {@code AuthPayload}; {@link IllegalStateException} when a field is missing (the
   * router's answer does not match the operation).
   */
  public static TokenGrant from(JsonNode payload, Instant now) {
    String accessToken = text(payload, "accessToken");
    String refreshToken = text(payload, "refreshToken");
    JsonNode expiresIn = payload.path("expiresIn");
    if (!expiresIn.isNumber()) {
      throw new IllegalStateException("AuthPayload without expiresIn");
    }
    Instant refreshExpiresAt;
    try {
      refreshExpiresAt = Instant.parse(text(payload, "refreshTokenExpiresAt"));
    } catch (DateTimeParseException e) {
      throw new IllegalStateException("AuthPayload with an unreadable refreshTokenExpiresAt", e);
    }
    JsonNode user = payload.path("user");
    String displayName =
        user.path("displayName").isString() ? user.path("displayName").asString() : null;
    return new TokenGrant(
        text(user, "id"),
        displayName,
        accessToken,
        now.plusSeconds(expiresIn.asLong()),
        refreshToken,
        refreshExpiresAt);
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (!value.isString() || value.asString().isBlank()) {
      throw new IllegalStateException("AuthPayload without " + field);
    }
    return value.asString();
  }

  @Override
  public String toString() {
    return "TokenGrant[user=" + userId + ", accessTokenExpiresAt=" + accessTokenExpiresAt + "]";
  }
}
