package dev.storefront.bff.web.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.bff.tracing.TraceIdResponseHeader;
import dev.storefront.bff.web.BffWebTest;
import dev.storefront.bff.web.StubRouter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** bff-web's request, its router call and what the browser is told belong to one trace. */
class RouterTraceTest extends BffWebTest {

  static final String CART =
      """
      {"data":{"me":{"id":"7","cart":{"items":[],"totalQuantity":0,"subtotal":null,\
      "updatedAt":"2026-11-25T08:00:00Z"}}}}\
      """;

  @Test
  void theRouterCallCarriesTheTraceTheBrowserIsToldAbout() {
    Browser browser = signIn();
    ROUTER.answer(id("Cart"), StubRouter.json(CART));

    String traceId =
        graphql(browser, "Cart", Map.of())
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(String.class)
            .getResponseHeaders()
            .getFirst(TraceIdResponseHeader.HEADER);

    assertThat(traceId).matches("[0-9a-f]{32}");
    String traceParent = ROUTER.calls(id("Cart")).getFirst().header("traceparent");
    assertThat(traceParent).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");
    assertThat(traceParent.split("-")[1]).isEqualTo(traceId);
  }

  @Test
  void aCallerThatSendsATraceHasItContinued() {
    Browser browser = signIn();
    ROUTER.answer(id("Cart"), StubRouter.json(CART));
    String callerTrace = "0af7651916cd43dd8448eb211c80319c";

    String traceId =
        graphql(browser, "Cart", Map.of())
            .header("traceparent", "00-" + callerTrace + "-b7ad6b7169203331-01")
            .exchange()
            .expectStatus()
            .isOk()
            .returnResult(String.class)
            .getResponseHeaders()
            .getFirst(TraceIdResponseHeader.HEADER);

    assertThat(traceId).isEqualTo(callerTrace);
    assertThat(ROUTER.calls(id("Cart")).getFirst().header("traceparent")).contains(callerTrace);
  }
}
