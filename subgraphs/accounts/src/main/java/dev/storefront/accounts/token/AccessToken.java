package dev.storefront.accounts.token;

/** A signed JWT and the seconds until it expires. */
record AccessToken(String jwt, int expiresInSeconds) {}
