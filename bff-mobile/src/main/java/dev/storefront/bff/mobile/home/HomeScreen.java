package dev.storefront.bff.mobile.home;

import dev.storefront.bff.mobile.product.ProductTile;
import java.util.List;

/** {@code GET /v1/home}: categories to browse and the newest products. */
public record HomeScreen(List<CategoryTile> categories, List<ProductTile> featured) {

  public record CategoryTile(String id, String name, String slug) {}
}
