package dev.storefront.bff.mobile.product;

import java.util.List;

/**
 * {@code GET /v1/products}: one page.
 *
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 */
public record ProductPage(List<ProductTile> items, String nextCursor) {}
