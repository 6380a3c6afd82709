package dev.storefront.bff.mobile;

import static dev.storefront.bff.testing.ProblemAssertions.expectProblem;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class OrdersTest extends MobileApiTest {

  @Test
  void theUsersOrdersOnePageAtATime() {
    answer(
        "Orders",
        """
        {"me":{"orders":{"edges":[
          {"node":{"id":"o-2","status":"CONFIRMED","createdAt":"2026-11-25T08:00:00Z",
            "total":{"amount":"49.98","currencyCode":"USD"},"items":[{"quantity":2},{"quantity":1}]}}],
          "pageInfo":{"hasNextPage":true,"endCursor":"b3JkZXItMg"}}}}
        """);

    getAsUser("/v1/orders?cursor=b3JkZXItMQ&limit=1")
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals(HttpHeaders.CACHE_CONTROL, "private, no-store")
        .expectBody()
        .jsonPath("$.items.length()")
        .isEqualTo(1)
        .jsonPath("$.items[0].id")
        .isEqualTo("o-2")
        .jsonPath("$.items[0].status")
        .isEqualTo("CONFIRMED")
        .jsonPath("$.items[0].total.formatted")
        .isEqualTo("$49.98")
        .jsonPath("$.items[0].itemCount")
        .isEqualTo(3)
        .jsonPath("$.nextCursor")
        .isEqualTo("b3JkZXItMg");

    var variables = calls("Orders").getFirst().path("variables");
    assertThat(variables.path("first").asInt()).isEqualTo(1);
    assertThat(variables.path("after").asString()).isEqualTo("b3JkZXItMQ");
    assertThat(requestsFor("Orders").getFirst().header("Authorization"))
        .isEqualTo("Bearer " + TOKEN);
    assertOnlyDocumentIds();

    getAsUser("/v1/orders?limit=0").expectStatus().isBadRequest();
  }

  @Test
  void oneOrderWithItsHistoryAndPayment() {
    answer(
        "OrderDetail",
        """
        {"order":{"id":"o-2","status":"CONFIRMED","createdAt":"2026-11-25T08:00:00Z","failureReason":null,
          "total":{"amount":"49.98","currencyCode":"USD"},
          "items":[{"product":{"id":"42","name":"Bamboo Mug"},"quantity":2,
            "unitPrice":{"amount":"24.99","currencyCode":"USD"},"lineTotal":{"amount":"49.98","currencyCode":"USD"}}],
          "shippingAddress":{"name":"Ada","line1":"1 Main St","line2":null,"postalCode":"10115","city":"Berlin","country":"DE"},
          "statusHistory":[{"status":"PENDING","at":"2026-11-25T08:00:00Z","reason":null},
            {"status":"CONFIRMED","at":"2026-11-25T08:00:02Z","reason":null}],
          "payment":{"status":"AUTHORIZED","failureReason":null}}}
        """);

    getAsUser("/v1/orders/o-2")
        .expectStatus()
        .isOk()
        .expectHeader()
        .valueEquals(HttpHeaders.CACHE_CONTROL, "private, no-store")
        .expectBody()
        .jsonPath("$.id")
        .isEqualTo("o-2")
        .jsonPath("$.status")
        .isEqualTo("CONFIRMED")
        .jsonPath("$.total.formatted")
        .isEqualTo("$49.98")
        .jsonPath("$.items[0].name")
        .isEqualTo("Bamboo Mug")
        .jsonPath("$.items[0].unitPrice.formatted")
        .isEqualTo("$24.99")
        .jsonPath("$.shippingAddress.city")
        .isEqualTo("Berlin")
        .jsonPath("$.shippingAddress.line2")
        .doesNotExist()
        .jsonPath("$.statusHistory.length()")
        .isEqualTo(2)
        .jsonPath("$.statusHistory[1].status")
        .isEqualTo("CONFIRMED")
        .jsonPath("$.statusHistory[1].at")
        .isEqualTo("2026-11-25T08:00:02Z")
        .jsonPath("$.payment.status")
        .isEqualTo("AUTHORIZED")
        .jsonPath("$.failureReason")
        .isEmpty();
    assertThat(calls("OrderDetail").getFirst().path("variables").path("id").asString())
        .isEqualTo("o-2");
  }

  @Test
  void someoneElsesOrderIs404() {
    fail("OrderDetail", 200, "NOT_FOUND", "no order o-9");
    expectProblem(getAsUser("/v1/orders/o-9"), 404, "NOT_FOUND")
        .jsonPath("$.detail")
        .isEqualTo("no order o-9")
        .jsonPath("$.serviceName")
        .doesNotExist();
  }
}
