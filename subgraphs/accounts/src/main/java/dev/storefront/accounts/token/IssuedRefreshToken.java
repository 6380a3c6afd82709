package dev.storefront.accounts.token;

import java.time.OffsetDateTime;

/** A refresh token as handed to the client (the only time it exists in clear). */
record IssuedRefreshToken(String token, OffsetDateTime expiresAt) {}
