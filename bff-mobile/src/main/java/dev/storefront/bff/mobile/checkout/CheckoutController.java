package dev.storefront.bff.mobile.checkout;

import dev.storefront.bff.mobile.support.Callers;
import dev.storefront.bff.mobile.support.DisplayMoney;
import dev.storefront.bff.mobile.support.Locales;
import dev.storefront.bff.mobile.support.Params;
import dev.storefront.bff.mobile.support.ResilientRouter;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Turns the cart into an order. The client picks an {@code Idempotency-Key} per checkout (a UUID)
 * and sends the same key when it retries: the same order comes back (200 both times; the first
 * answer and a replay cannot be told apart). The same key with another address is 409.
 */
@RestController
@Tag(name = "Checkout", description = "Places an order (Authorization: Bearer)")
@SecurityRequirement(name = "bearer")
public class CheckoutController {

  static final int MAX_KEY_LENGTH = 100;

  private final ResilientRouter router;

  public CheckoutController(ResilientRouter router) {
    this.router = router;
  }

  public record Address(
      String name, String line1, String line2, String postalCode, String city, String country) {}

  public record CheckoutRequest(Address shippingAddress) {}

  /** The placed order; follow it at {@code GET /v1/orders/{id}}. */
  public record PlacedOrder(String id, String status, DisplayMoney total, String createdAt) {}

  @PostMapping("/v1/checkout")
  @Operation(summary = "Places an order from the cart")
  public Mono<ResponseEntity<PlacedOrder>> checkout(
      @Parameter(description = "1 to 100 characters, chosen by the client; the same for a retry")
          @RequestHeader(name = "Idempotency-Key", required = false)
          String idempotencyKey,
      @RequestBody(required = false) CheckoutRequest body,
      ServerWebExchange exchange) {
    var call = Callers.signedIn(exchange);
    if (idempotencyKey == null || idempotencyKey.isBlank()) {
      throw Params.badRequest("The Idempotency-Key header is required (e.g. a UUID per checkout).");
    }
    if (idempotencyKey.length() > MAX_KEY_LENGTH) {
      throw Params.badRequest("The Idempotency-Key header may be at most 100 characters.");
    }
    Map<String, Object> address = address(body);
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("idempotencyKey", idempotencyKey);
    input.put("shippingAddress", address);
    return router
        .data("Checkout", Map.of("input", input), call)
        .map(data -> order(data.path("checkout"), exchange))
        .map(order ->
            ResponseEntity.ok().location(URI.create("/v1/orders/" + order.id())).body(order));
  }

  static Map<String, Object> address(CheckoutRequest body) {
    Address a = body == null ? null : body.shippingAddress();
    if (a == null) {
      throw Params.badRequest(
          "The body must have a shippingAddress {name, line1, line2?, postalCode, city, country}.");
    }
    var missing = new ArrayList<String>();
    var address = new LinkedHashMap<String, Object>();
    required(missing, address, "name", a.name());
    required(missing, address, "line1", a.line1());
    if (a.line2() != null && !a.line2().isBlank()) {
      address.put("line2", a.line2().strip());
    }
    required(missing, address, "postalCode", a.postalCode());
    required(missing, address, "city", a.city());
    required(missing, address, "country", a.country());
    if (!missing.isEmpty()) {
      throw Params.badRequest("shippingAddress needs " + String.join(", ", missing) + ".");
    }
    return address;
  }

  private static void required(
      List<String> missing, Map<String, Object> address, String field, String value) {
    if (value == null || value.isBlank()) {
      missing.add(field);
    } else {
      address.put(field, value.strip());
    }
  }

  private static PlacedOrder order(JsonNode order, ServerWebExchange exchange) {
    return new PlacedOrder(
        order.path("id").asString(),
        order.path("status").asString(),
        DisplayMoney.of(order.path("total"), Locales.of(exchange)),
        order.path("createdAt").asString(null));
  }
}
