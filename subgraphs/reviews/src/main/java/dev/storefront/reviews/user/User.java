package dev.storefront.reviews.user;

/** An accounts user, known here only by id. Named User for DGS's entity type resolution. */
public record User(String id) {}
