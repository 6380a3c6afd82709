package dev.storefront.bff.mobile.cart;

import dev.storefront.bff.mobile.support.Callers;
import dev.storefront.bff.mobile.support.Locales;
import dev.storefront.bff.mobile.support.Params;
import dev.storefront.bff.mobile.support.ResilientRouter;
import dev.storefront.bff.router.RouterCall;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** The signed-in user's cart. Every answer is the whole cart. */
@RestController
@Tag(name = "Cart", description = "The signed-in user's cart (Authorization: Bearer)")
@SecurityRequirement(name = "bearer")
public class CartController {

  private final ResilientRouter router;

  public CartController(ResilientRouter router) {
    this.router = router;
  }

  /** {@code POST /v1/cart/items}. */
  public record AddItem(String productId, Integer quantity) {}

  /** {@code PATCH /v1/cart/items/{productId}}: 0 removes the line. */
  public record ChangeQuantity(Integer quantity) {}

  @GetMapping("/v1/cart")
  @Operation(summary = "The cart")
  public Mono<CartScreen> cart(ServerWebExchange exchange) {
    var call = Callers.signedIn(exchange);
    return router
        .data("Cart", Map.of(), call)
        .map(data -> CartScreen.of(data.path("me").path("cart"), Locales.of(exchange)));
  }

  @PostMapping("/v1/cart/items")
  @Operation(summary = "Adds units of a product (quantity 1 to 99, default 1)")
  public Mono<CartScreen> add(
      @RequestBody(required = false) AddItem body, ServerWebExchange exchange) {
    var call = Callers.signedIn(exchange);
    if (body == null) {
      throw Params.badRequest("The body must be {\"productId\": \"…\", \"quantity\": 1}.");
    }
    String productId = Params.id("productId", body.productId());
    int quantity = body.quantity() == null ? 1 : body.quantity();
    if (quantity < 1 || quantity > 99) {
      throw Params.badRequest("quantity must be 1 to 99.");
    }
    return mutate(
        "AddToCart",
        "addToCart",
        Map.of("productId", productId, "quantity", quantity),
        call,
        exchange);
  }

  @PatchMapping("/v1/cart/items/{productId}")
  @Operation(summary = "Sets a line's quantity (0 to 99; 0 removes the line)")
  public Mono<CartScreen> change(
      @PathVariable String productId,
      @RequestBody(required = false) ChangeQuantity body,
      ServerWebExchange exchange) {
    var call = Callers.signedIn(exchange);
    String id = Params.id("productId", productId);
    if (body == null || body.quantity() == null || body.quantity() < 0 || body.quantity() > 99) {
      throw Params.badRequest("quantity is required, 0 to 99.");
    }
    return mutate(
        "UpdateCartItem",
        "updateCartItem",
        Map.of("productId", id, "quantity", body.quantity()),
        call,
        exchange);
  }

  @DeleteMapping("/v1/cart/items/{productId}")
  @Operation(summary = "Removes a line")
  public Mono<CartScreen> remove(@PathVariable String productId, ServerWebExchange exchange) {
    var call = Callers.signedIn(exchange);
    String id = Params.id("productId", productId);
    return mutate("RemoveFromCart", "removeFromCart", Map.of("productId", id), call, exchange);
  }

  /** Runs a cart mutation whose field (e.g. {@code addToCart}) answers with the whole cart. */
  private Mono<CartScreen> mutate(
      String operation,
      String field,
      Map<String, Object> variables,
      RouterCall call,
      ServerWebExchange exchange) {
    return router
        .data(operation, variables, call)
        .map(data -> CartScreen.of(data.path(field), Locales.of(exchange)));
  }
}
