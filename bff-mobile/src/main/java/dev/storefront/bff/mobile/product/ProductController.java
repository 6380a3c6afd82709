package dev.storefront.bff.mobile.product;

import dev.storefront.bff.mobile.support.Callers;
import dev.storefront.bff.mobile.support.CatalogScreens;
import dev.storefront.bff.mobile.support.DisplayMoney;
import dev.storefront.bff.mobile.support.Pages;
import dev.storefront.bff.mobile.support.Params;
import dev.storefront.bff.mobile.support.ResilientRouter;
import dev.storefront.bff.operations.ManifestGenerator;
import dev.storefront.bff.problem.GraphQlProblemException;
import dev.storefront.bff.problem.GraphQlProblems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

@RestController
@Tag(name = "Catalog")
public class ProductController {

  static final int LATEST_REVIEWS = 3;
  static final Pattern PRICE = Pattern.compile("\\d{1,7}(\\.\\d{1,2})?");

  /** Product ids that are safe in a cache key as they are; others are hashed. */
  static final Pattern KEY_SAFE_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  static final Map<String, String> SORTS =
      Map.of(
          "name", "NAME_ASC",
          "name_asc", "NAME_ASC",
          "name_desc", "NAME_DESC",
          "price", "PRICE_ASC",
          "price_asc", "PRICE_ASC",
          "price_desc", "PRICE_DESC",
          "newest", "NEWEST");

  private final ResilientRouter router;
  private final CatalogScreens screens;

  public ProductController(ResilientRouter router, CatalogScreens screens) {
    this.router = router;
    this.screens = screens;
  }

  @GetMapping("/v1/products")
  @Operation(
      summary = "Products, one page at a time",
      description =
          "Filters: category (a category id), q (search words), minPrice and maxPrice (decimal"
              + " strings, inclusive), sort (name_asc, name_desc, price_asc, price_desc, newest)."
              + " Pass nextCursor as cursor for the next page. Cacheable.")
  @ApiResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = ProductPage.class)))
  @ApiResponse(responseCode = "400", description = "A parameter is not valid (problem+json)")
  public Mono<ResponseEntity<String>> products(
      @RequestParam(required = false) String cursor,
      @Parameter(description = "1 to 50, default 20") @RequestParam(required = false) String limit,
      @RequestParam(required = false) String category,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String minPrice,
      @RequestParam(required = false) String maxPrice,
      @RequestParam(required = false) String sort,
      ServerWebExchange exchange) {
    Map<String, Object> variables =
        listVariables(cursor, limit, category, q, minPrice, maxPrice, sort);
    var call = Callers.anonymous(exchange);
    return screens.serve(
        exchange,
        "products:" + hash(variables.toString()),
        locale -> router.data("ProductList", variables, call).map(data -> page(data, locale)));
  }

  @GetMapping("/v1/products/{id}")
  @Operation(
      summary = "The product screen",
      description = "Price, stock, shipping estimate and the latest reviews. Cacheable.")
  @ApiResponse(
      responseCode = "200",
      content = @Content(schema = @Schema(implementation = ProductDetail.class)))
  @ApiResponse(responseCode = "404", description = "No such product (problem+json)")
  public Mono<ResponseEntity<String>> product(@PathVariable String id, ServerWebExchange exchange) {
    String productId = Params.id("id", id);
    var call = Callers.anonymous(exchange);
    return screens.serve(
        exchange,
        "product:" + (KEY_SAFE_ID.matcher(productId).matches() ? productId : hash(productId)),
        locale ->
            router
                .data("ProductDetail", Map.of("id", productId, "reviews", LATEST_REVIEWS), call)
                .map(data -> detail(data.path("product"), productId, locale)));
  }

  static Map<String, Object> listVariables(
      String cursor,
      String limit,
      String category,
      String q,
      String minPrice,
      String maxPrice,
      String sort) {
    Map<String, Object> variables = Pages.variables(cursor, limit);
    var filter = new LinkedHashMap<String, Object>();
    String categoryId = Params.text("category", category, 100);
    if (categoryId != null) {
      filter.put("categoryId", categoryId);
    }
    String search = Params.text("q", q, 200);
    if (search != null) {
      filter.put("search", search);
    }
    String min = price("minPrice", minPrice);
    String max = price("maxPrice", maxPrice);
    if (min != null && max != null && new BigDecimal(min).compareTo(new BigDecimal(max)) > 0) {
      throw Params.badRequest("minPrice may not be above maxPrice.");
    }
    if (min != null) {
      filter.put("minPrice", min);
    }
    if (max != null) {
      filter.put("maxPrice", max);
    }
    if (!filter.isEmpty()) {
      variables.put("filter", filter);
    }
    String sortKey =
        sort == null || sort.isBlank() ? "name_asc" : sort.strip().toLowerCase(Locale.ROOT);
    String sortValue = SORTS.get(sortKey);
    if (sortValue == null) {
      throw Params.badRequest(
          "sort must be one of name_asc, name_desc, price_asc, price_desc, newest.");
    }
    variables.put("sort", sortValue);
    return variables;
  }

  private static String price(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (!PRICE.matcher(value.strip()).matches()) {
      throw Params.badRequest(name + " must be a decimal amount such as 24.99.");
    }
    return value.strip();
  }

  static ProductPage page(JsonNode data, Locale locale) {
    JsonNode products = data.path("products");
    var items = new ArrayList<ProductTile>();
    for (JsonNode edge : products.path("edges")) {
      items.add(ProductTile.of(edge.path("node"), locale));
    }
    return new ProductPage(items, Pages.nextCursor(products));
  }

  static ProductDetail detail(JsonNode product, String id, Locale locale) {
    if (product.isMissingNode() || product.isNull()) {
      throw new GraphQlProblemException(
          GraphQlProblems.notFound("There is no product " + id + "."));
    }
    JsonNode category = product.path("category");
    var latest = new ArrayList<ProductDetail.Review>();
    for (JsonNode edge : product.path("reviews").path("edges")) {
      JsonNode review = edge.path("node");
      latest.add(
          new ProductDetail.Review(
              review.path("id").asString(),
              review.path("rating").asInt(),
              review.path("title").asString(),
              review.path("body").asString(),
              review.path("author").path("displayName").asString(null),
              review.path("createdAt").asString()));
    }
    JsonNode rating = product.path("averageRating");
    return new ProductDetail(
        product.path("id").asString(),
        product.path("name").asString(),
        product.path("description").asString(),
        DisplayMoney.of(product.path("price"), locale),
        category.isObject()
            ? new ProductDetail.Category(
                category.path("id").asString(), category.path("name").asString())
            : null,
        new ProductDetail.Stock(
            product.path("inStock").asBoolean(false), product.path("availableQuantity").asInt(0)),
        new ProductDetail.Shipping(DisplayMoney.of(product.path("shippingEstimate"), locale)),
        new ProductDetail.Reviews(
            rating.isNumber() ? rating.asDouble() : null,
            product.path("reviewCount").asInt(0),
            latest));
  }

  /** The first 12 bytes of the text's SHA-256, in hex: a short cache key part. */
  static String hash(String text) {
    return ManifestGenerator.sha256(text).substring(0, 24);
  }
}
