package dev.storefront.bff.mobile;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.core.ScanOptions;

/**
 * Clients choose the screens (every search, every locale is one), so the screen cache keeps at most
 * {@code max-screens} per kind (products: 300), two copies each, and drops the oldest first.
 */
class ScreenCacheBudgetTest extends MobileApiTest {

  static final int BUDGET = 300;

  @Test
  void distinctSearchesNeverKeepMoreThanTheBudget() {
    answer("ProductList", CatalogScreensTest.PAGE);
    int searches = BUDGET + 100;
    for (int i = 0; i < searches; i++) {
      web.get().uri("/v1/products?q=search-" + i).exchange().expectStatus().isOk();
    }
    List<String> keys = keys();
    assertThat(keys).filteredOn(k -> k.contains(":products:")).hasSize(2 * BUDGET);
    assertThat(keys).filteredOn(k -> k.endsWith("index:products")).hasSize(1);
    assertThat(redis.opsForZSet().size(KEY_PREFIX + "index:products").block())
        .isEqualTo((long) BUDGET);
    for (String key : keys) {
      assertThat(redis.opsForValue().size(key).onErrorReturn(0L).block()).isLessThan(32 * 1024);
    }
    // The newest searches are still served from the cache, the oldest were dropped.
    web.get()
        .uri("/v1/products?q=search-" + (searches - 1))
        .exchange()
        .expectHeader()
        .valueEquals("X-Cache", "HIT");
    web.get()
        .uri("/v1/products?q=search-0")
        .exchange()
        .expectHeader()
        .valueEquals("X-Cache", "MISS");
  }

  @Test
  void everyLocaleOfAProductCountsAgainstTheProductBudgetAndHugeScreensAreNotStored() {
    answer("ProductDetail", CatalogScreensTest.PRODUCT);
    for (String language : List.of("de-DE", "fr-FR", "ja-JP")) {
      web.get()
          .uri("/v1/products/42")
          .header("Accept-Language", language)
          .exchange()
          .expectStatus()
          .isOk();
    }
    assertThat(redis.opsForZSet().size(KEY_PREFIX + "index:product").block()).isEqualTo(3L);

    String huge = CatalogScreensTest.PAGE.replace("Bamboo Mug", "M".repeat(40_000));
    answer("ProductList", huge);
    web.get()
        .uri("/v1/products?q=huge")
        .exchange()
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals("X-Cache", "MISS");
    assertThat(keys()).noneMatch(k -> k.contains(":products:"));
  }

  private List<String> keys() {
    return redis
        .scan(ScanOptions.scanOptions().match(KEY_PREFIX + "*").count(1000).build())
        .collectList()
        .block(Duration.ofSeconds(10));
  }
}
