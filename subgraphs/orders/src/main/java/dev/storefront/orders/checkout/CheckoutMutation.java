package dev.storefront.orders.checkout;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.InputArgument;
import dev.storefront.graphql.error.ClientError;
import dev.storefront.graphql.error.ErrorCode;
import dev.storefront.graphql.identity.CurrentUser;
import dev.storefront.orders.order.Order;
import dev.storefront.orders.order.OrderRows;
import graphql.schema.DataFetchingEnvironment;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;

@DgsComponent
public class CheckoutMutation {

  private final CartReader carts;
  private final OrderPlacement placement;
  private final OrderRows orders;

  public CheckoutMutation(CartReader carts, OrderPlacement placement, OrderRows orders) {
    this.carts = carts;
    this.placement = placement;
    this.orders = orders;
  }

  @DgsMutation
  public CompletableFuture<Order> checkout(
      @InputArgument("input") Map<String, Object> input, DataFetchingEnvironment env) {
    String user = CurrentUser.require(env);
    String token = CurrentUser.accessToken(env).orElseThrow();
    CheckoutRequest request = CheckoutRequest.from(input);
    // A retry of a checkout that already placed its order answers without touching the cart.
    return orders
        .byIdempotencyKey(user, request.idempotencyKey())
        .switchIfEmpty(
            Mono.defer(() ->
                carts
                    .cartOf(user, token)
                    .flatMap(cart -> {
                      if (cart.lines().isEmpty()) {
                        return Mono.error(
                            ClientError.badUserInput("the cart is empty: nothing to order"));
                      }
                      // Empty when a concurrent retry with the key placed it first.
                      return placement
                          .place(user, request, cart)
                          .switchIfEmpty(orders.byIdempotencyKey(user, request.idempotencyKey()));
                    })))
        .map(order -> sameRequest(order, request))
        .contextCapture()
        .toFuture();
  }

  private static Order sameRequest(Order order, CheckoutRequest request) {
    if (!order.shippingAddress().equals(request.shippingAddress())) {
      throw new ClientError(
          ErrorCode.CONFLICT,
          "idempotencyKey was used for another checkout (with another address); use a new key",
          Map.of("orderId", order.id()));
    }
    return order;
  }
}
