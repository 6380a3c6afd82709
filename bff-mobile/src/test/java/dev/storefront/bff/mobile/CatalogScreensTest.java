package dev.storefront.bff.mobile;

import static dev.storefront.bff.testing.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.bff.testing.StubHttpServer.Response;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

class CatalogScreensTest extends MobileApiTest {

  static final String HOME =
      """
      {"categories":[
        {"id":"1","name":"Audio","slug":"audio"},{"id":"2","name":"Bath","slug":"bath"},
        {"id":"3","name":"Books","slug":"books"},{"id":"4","name":"Garden","slug":"garden"},
        {"id":"5","name":"Kitchen","slug":"kitchen"},{"id":"6","name":"Office","slug":"office"},
        {"id":"7","name":"Sport","slug":"sport"},{"id":"8","name":"Toys","slug":"toys"}],
       "products":{"edges":[
        {"node":{"id":"42","name":"Bamboo Mug","price":{"amount":"24.99","currencyCode":"USD"},"inStock":true}},
        {"node":{"id":"43","name":"Oak Bottle","price":{"amount":"1080.00","currencyCode":"USD"},"inStock":false}}]}}
      """;

  static final String PRODUCT =
      """
      {"product":{"id":"42","name":"Bamboo Mug","description":"A mug.",
        "price":{"amount":"24.99","currencyCode":"USD"},"category":{"id":"5","name":"Kitchen"},
        "inStock":true,"availableQuantity":17,"shippingEstimate":{"amount":"4.95","currencyCode":"USD"},
        "averageRating":4.33,"reviewCount":12,
        "reviews":{"edges":[
          {"node":{"id":"r3","rating":5,"title":"Great","body":"Love it","createdAt":"2026-11-20T10:00:00Z","author":{"displayName":"Ada"}}},
          {"node":{"id":"r2","rating":4,"title":"Good","body":"Fine","createdAt":"2026-11-19T10:00:00Z","author":{"displayName":"Grace"}}},
          {"node":{"id":"r1","rating":4,"title":"Ok","body":"Ok","createdAt":"2026-11-18T10:00:00Z","author":{"displayName":"Alan"}}}]}}}
      """;

  static final String PAGE =
      """
      {"products":{"edges":[
        {"node":{"id":"42","name":"Bamboo Mug","price":{"amount":"24.99","currencyCode":"USD"},"inStock":true,"averageRating":4.33,"reviewCount":12}},
        {"node":{"id":"44","name":"Clay Mug","price":{"amount":"9.50","currencyCode":"USD"},"inStock":true,"averageRating":null,"reviewCount":0}}],
       "pageInfo":{"hasNextPage":true,"endCursor":"Y3Vyc29yLTQ0"}}}
      """;

  @Test
  void homeIsCompactWithDisplayPricesAndCacheable() {
    answer("HomeScreen", HOME);

    var result =
        getAsUser("/v1/home")
            .expectStatus()
            .isOk()
            .expectHeader()
            .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
            .expectHeader()
            .valueEquals(HttpHeaders.CACHE_CONTROL, "public, max-age=60")
            .expectHeader()
            .valueEquals("X-Cache", "MISS")
            .expectHeader()
            .exists(HttpHeaders.ETAG)
            .expectBody()
            .jsonPath("$.categories.length()")
            .isEqualTo(6)
            .jsonPath("$.categories[0].name")
            .isEqualTo("Audio")
            .jsonPath("$.categories[0].slug")
            .isEqualTo("audio")
            .jsonPath("$.featured.length()")
            .isEqualTo(2)
            .jsonPath("$.featured[0].id")
            .isEqualTo("42")
            .jsonPath("$.featured[0].name")
            .isEqualTo("Bamboo Mug")
            .jsonPath("$.featured[0].price.amount")
            .isEqualTo("24.99")
            .jsonPath("$.featured[0].price.currency")
            .isEqualTo("USD")
            .jsonPath("$.featured[0].price.formatted")
            .isEqualTo("$24.99")
            .jsonPath("$.featured[0].inStock")
            .isEqualTo(true)
            .jsonPath("$.featured[1].price.formatted")
            .isEqualTo("$1,080.00")
            .jsonPath("$.featured[1].inStock")
            .isEqualTo(false)
            .jsonPath("$.data")
            .doesNotExist()
            .jsonPath("$.errors")
            .doesNotExist()
            .returnResult();
    String etag = result.getResponseHeaders().getETag();

    var call = calls("HomeScreen");
    assertThat(call).hasSize(1);
    assertThat(call.getFirst().path("variables").path("featured").asInt()).isEqualTo(10);
    var request = requestsFor("HomeScreen").getFirst();
    assertThat(request.header("Authorization")).as("catalog calls are anonymous").isNull();
    assertThat(request.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
    assertOnlyDocumentIds();

    // The second request comes from Redis, with the same ETag; the router is not asked again.
    web.get()
        .uri("/v1/home")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("X-Cache", "HIT")
        .expectHeader()
        .valueEquals(HttpHeaders.ETAG, etag);
    assertThat(calls("HomeScreen")).hasSize(1);
    assertThat(redis.hasKey(KEY_PREFIX + "home:en-US:fresh").block()).isTrue();
    assertThat(redis.getExpire(KEY_PREFIX + "home:en-US:fresh").block())
        .isBetween(Duration.ofSeconds(1), Duration.ofSeconds(60));
    assertThat(redis.getExpire(KEY_PREFIX + "home:en-US:last-good").block())
        .isGreaterThan(Duration.ofHours(23));

    // A client that has it gets 304 without a body.
    web.get()
        .uri("/v1/home")
        .header(HttpHeaders.IF_NONE_MATCH, etag)
        .exchange()
        .expectStatus()
        .isNotModified()
        .expectHeader()
        .valueEquals(HttpHeaders.ETAG, etag)
        .expectHeader()
        .valueEquals(HttpHeaders.CACHE_CONTROL, "public, max-age=60")
        .expectBody()
        .isEmpty();
    web.get()
        .uri("/v1/home")
        .header(HttpHeaders.IF_NONE_MATCH, "\"something-else\"")
        .exchange()
        .expectStatus()
        .isOk();
  }

  @Test
  void pricesFollowAcceptLanguage() {
    answer("HomeScreen", HOME);
    web.get()
        .uri("/v1/home")
        .header(HttpHeaders.ACCEPT_LANGUAGE, "de-DE,de;q=0.9")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals(HttpHeaders.VARY, HttpHeaders.ACCEPT_LANGUAGE)
        .expectBody()
        .jsonPath("$.featured[0].price.formatted")
        .value(formatted -> assertThat(formatted.toString()).contains("24,99").contains("$"))
        .jsonPath("$.featured[1].price.formatted")
        .value(formatted -> assertThat(formatted.toString()).contains("1.080,00"));
    web.get()
        .uri("/v1/home")
        .header(HttpHeaders.ACCEPT_LANGUAGE, "xx-invalid;;")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.featured[0].price.formatted")
        .isEqualTo("$24.99");
  }

  @Test
  void productListMapsFiltersAndPagesByCursor() {
    answer("ProductList", PAGE);

    web.get()
        .uri(
            "/v1/products?cursor=Y3Vyc29yLTQx&limit=2&category=5&q=mug&minPrice=5&maxPrice=30.50&sort=price_desc")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals(HttpHeaders.CACHE_CONTROL, "public, max-age=60")
        .expectHeader()
        .exists(HttpHeaders.ETAG)
        .expectBody()
        .jsonPath("$.items.length()")
        .isEqualTo(2)
        .jsonPath("$.items[0].id")
        .isEqualTo("42")
        .jsonPath("$.items[0].price.formatted")
        .isEqualTo("$24.99")
        .jsonPath("$.items[0].averageRating")
        .isEqualTo(4.33)
        .jsonPath("$.items[0].inStock")
        .isEqualTo(true)
        .jsonPath("$.items[1].averageRating")
        .doesNotExist()
        .jsonPath("$.nextCursor")
        .isEqualTo("Y3Vyc29yLTQ0");

    var variables = calls("ProductList").getFirst().path("variables");
    assertThat(variables.path("first").asInt()).isEqualTo(2);
    assertThat(variables.path("after").asString()).isEqualTo("Y3Vyc29yLTQx");
    assertThat(variables.path("sort").asString()).isEqualTo("PRICE_DESC");
    assertThat(variables.path("filter").path("categoryId").asString()).isEqualTo("5");
    assertThat(variables.path("filter").path("search").asString()).isEqualTo("mug");
    assertThat(variables.path("filter").path("minPrice").asString()).isEqualTo("5");
    assertThat(variables.path("filter").path("maxPrice").asString()).isEqualTo("30.50");
    assertOnlyDocumentIds();
  }

  @Test
  void productListDefaultsAndLastPage() {
    answer(
        "ProductList",
        "{\"products\":{\"edges\":[],\"pageInfo\":{\"hasNextPage\":false,\"endCursor\":null}}}");
    web.get()
        .uri("/v1/products")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.items.length()")
        .isEqualTo(0)
        .jsonPath("$.nextCursor")
        .isEmpty();
    var variables = calls("ProductList").getFirst().path("variables");
    assertThat(variables.path("first").asInt()).isEqualTo(20);
    assertThat(variables.path("sort").asString()).isEqualTo("NAME_ASC");
    assertThat(variables.has("after")).isFalse();
    assertThat(variables.has("filter")).isFalse();
  }

  @Test
  void badListParametersAre400Problems() {
    for (String query :
        new String[] {
          "limit=0",
          "limit=51",
          "limit=ten",
          "minPrice=abc",
          "maxPrice=-1",
          "minPrice=50&maxPrice=10",
          "sort=random",
          "q=" + "x".repeat(201)
        }) {
      expectProblem(web.get().uri("/v1/products?" + query).exchange(), 400)
          .expectHeader()
          .valueEquals(HttpHeaders.CACHE_CONTROL, "private, no-store")
          .expectBody()
          .jsonPath("$.status")
          .isEqualTo(400)
          .jsonPath("$.code")
          .isEqualTo("BAD_REQUEST")
          .jsonPath("$.type")
          .isEqualTo("https://storefront.dev/problems/bad-request")
          .jsonPath("$.detail")
          .isNotEmpty();
    }
    assertThat(ROUTER.requests()).as("refused before the router").isEmpty();
  }

  @Test
  void aCursorTheCatalogRefusesIs400WithItsMessage() {
    fail("ProductList", 200, "BAD_USER_INPUT", "after is not a valid cursor");
    expectProblem(web.get().uri("/v1/products?cursor=garbage").exchange(), 400, "BAD_USER_INPUT")
        .jsonPath("$.detail")
        .isEqualTo("after is not a valid cursor")
        .jsonPath("$.path")
        .doesNotExist()
        .jsonPath("$.locations")
        .doesNotExist()
        .jsonPath("$.serviceName")
        .doesNotExist();
  }

  @Test
  void productDetailHasStockShippingAndLatestReviews() {
    answer("ProductDetail", PRODUCT);

    web.get()
        .uri("/v1/products/42")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals(HttpHeaders.CACHE_CONTROL, "public, max-age=60")
        .expectHeader()
        .exists(HttpHeaders.ETAG)
        .expectBody()
        .jsonPath("$.id")
        .isEqualTo("42")
        .jsonPath("$.name")
        .isEqualTo("Bamboo Mug")
        .jsonPath("$.description")
        .isEqualTo("A mug.")
        .jsonPath("$.price.formatted")
        .isEqualTo("$24.99")
        .jsonPath("$.category.name")
        .isEqualTo("Kitchen")
        .jsonPath("$.stock.inStock")
        .isEqualTo(true)
        .jsonPath("$.stock.availableQuantity")
        .isEqualTo(17)
        .jsonPath("$.shipping.estimate.formatted")
        .isEqualTo("$4.95")
        .jsonPath("$.reviews.averageRating")
        .isEqualTo(4.33)
        .jsonPath("$.reviews.count")
        .isEqualTo(12)
        .jsonPath("$.reviews.latest.length()")
        .isEqualTo(3)
        .jsonPath("$.reviews.latest[0].author")
        .isEqualTo("Ada")
        .jsonPath("$.reviews.latest[0].rating")
        .isEqualTo(5)
        .jsonPath("$.reviews.latest[0].title")
        .isEqualTo("Great");

    var variables = calls("ProductDetail").getFirst().path("variables");
    assertThat(variables.path("id").asString()).isEqualTo("42");
    assertThat(variables.path("reviews").asInt()).isEqualTo(3);
    assertOnlyDocumentIds();
  }

  @Test
  void anUnknownProductIs404() {
    answer("ProductDetail", "{\"product\":null}");
    expectProblem(web.get().uri("/v1/products/999999").exchange(), 404)
        .expectHeader()
        .valueEquals(HttpHeaders.CACHE_CONTROL, "private, no-store")
        .expectHeader()
        .doesNotExist(HttpHeaders.ETAG)
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(404)
        .jsonPath("$.code")
        .isEqualTo("NOT_FOUND")
        .jsonPath("$.type")
        .isEqualTo("https://storefront.dev/problems/not-found");
    assertThat(redis.hasKey(KEY_PREFIX + "product:999999:en-US:fresh").block()).isFalse();
  }

  @Test
  void anOperationTheRouterDoesNotKnowIs502WithoutDetails() {
    ANSWERS.put(
        "HomeScreen",
        r ->
            Response.json(
                200,
                "{\"errors\":[{\"message\":\"PersistedQueryNotInList: documentId abc\",\"extensions\":{\"code\":\"PERSISTED_QUERY_NOT_IN_LIST\"}}]}"));
    expectProblem(web.get().uri("/v1/home").exchange(), 502)
        .expectBody(String.class)
        .value(body ->
            assertThat(body)
                .contains("\"code\":\"BAD_GATEWAY\"")
                .doesNotContain("PersistedQueryNotInList")
                .doesNotContain("documentId"));
  }
}
