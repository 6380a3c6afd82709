package dev.storefront.accounts.signingkey;

import java.time.OffsetDateTime;

/** A signing key as the schema shows it: its {@code kid}, algorithm and age. */
public record SigningKey(String id, String algorithm, OffsetDateTime createdAt) {}
