package dev.storefront.reviews.product;

/**
 * A catalog product, known here only by id (catalog owns it). Named Product because DGS resolves
 * federation entities by class name.
 */
public record Product(String id) {}
