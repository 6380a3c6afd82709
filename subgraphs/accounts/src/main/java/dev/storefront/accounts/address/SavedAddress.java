package dev.storefront.accounts.address;

import java.time.OffsetDateTime;

/** An address in a user's address book (schema type {@code SavedAddress}). */
public record SavedAddress(
    Long id,
    long userId,
    String label,
    String name,
    String line1,
    String line2,
    String postalCode,
    String city,
    String country,
    boolean isDefault,
    OffsetDateTime createdAt) {}
