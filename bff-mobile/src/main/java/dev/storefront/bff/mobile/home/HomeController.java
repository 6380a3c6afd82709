package dev.storefront.bff.mobile.home;

import dev.storefront.bff.mobile.product.ProductTile;
import dev.storefront.bff.mobile.support.Callers;
import dev.storefront.bff.mobile.support.CatalogScreens;
import dev.storefront.bff.mobile.support.ResilientRouter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

@RestController
@Tag(name = "Catalog", description = "Anonymous, cacheable catalog screens")
public class HomeController {

  static final int CATEGORIES = 6;
  static final int FEATURED = 10;

  private final ResilientRouter router;
  private final CatalogScreens screens;

  public HomeController(ResilientRouter router, CatalogScreens screens) {
    this.router = router;
    this.screens = screens;
  }

  @GetMapping("/v1/home")
  @Operation(
      summary = "The home screen",
      description =
          "The first six categories and the ten newest products. Cacheable: ETag, Cache-Control"
              + " public; served from the last good copy (X-Cache: STALE) when the backend fails.")
  @ApiResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = HomeScreen.class)))
  public Mono<ResponseEntity<String>> home(ServerWebExchange exchange) {
    var call = Callers.anonymous(exchange);
    return screens.serve(
        exchange,
        "home",
        locale ->
            router
                .data("HomeScreen", Map.of("featured", FEATURED), call)
                .map(data -> render(data, locale)));
  }

  static HomeScreen render(JsonNode data, Locale locale) {
    var categories = new ArrayList<HomeScreen.CategoryTile>();
    for (JsonNode category : data.path("categories")) {
      if (categories.size() == CATEGORIES) {
        break;
      }
      categories.add(
          new HomeScreen.CategoryTile(
              category.path("id").asString(),
              category.path("name").asString(),
              category.path("slug").asString()));
    }
    var featured = new ArrayList<ProductTile>();
    for (JsonNode edge : data.path("products").path("edges")) {
      featured.add(ProductTile.of(edge.path("node"), locale));
    }
    return new HomeScreen(categories, featured);
  }
}
