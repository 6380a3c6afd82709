package dev.storefront.accounts.token;

import dev.storefront.accounts.user.User;
import java.time.OffsetDateTime;

/** What register, login and refreshToken answer (schema type {@code AuthPayload}). */
public record AuthPayload(
    String accessToken,
    String tokenType,
    int expiresIn,
    String refreshToken,
    OffsetDateTime refreshTokenExpiresAt,
    User user) {

  static final String BEARER = "Bearer";
}
