package dev.storefront.bff.mobile.order;

import dev.storefront.bff.mobile.order.OrderScreens.Address;
import dev.storefront.bff.mobile.order.OrderScreens.Line;
import dev.storefront.bff.mobile.order.OrderScreens.OrderDetail;
import dev.storefront.bff.mobile.order.OrderScreens.OrderPage;
import dev.storefront.bff.mobile.order.OrderScreens.OrderSummary;
import dev.storefront.bff.mobile.order.OrderScreens.Payment;
import dev.storefront.bff.mobile.order.OrderScreens.StatusChange;
import dev.storefront.bff.mobile.support.Callers;
import dev.storefront.bff.mobile.support.DisplayMoney;
import dev.storefront.bff.mobile.support.Locales;
import dev.storefront.bff.mobile.support.Pages;
import dev.storefront.bff.mobile.support.Params;
import dev.storefront.bff.mobile.support.ResilientRouter;
import dev.storefront.bff.problem.GraphQlProblemException;
import dev.storefront.bff.problem.GraphQlProblems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** The signed-in user's orders; someone else's order does not exist (404). */
@RestController
@Tag(name = "Orders", description = "The signed-in user's orders (Authorization: Bearer)")
@SecurityRequirement(name = "bearer")
public class OrderController {

  private final ResilientRouter router;

  public OrderController(ResilientRouter router) {
    this.router = router;
  }

  @GetMapping("/v1/orders")
  @Operation(summary = "The user's orders, newest first (limit 1 to 50, default 20)")
  public Mono<OrderPage> orders(
      @RequestParam(required = false) String cursor,
      @RequestParam(required = false) String limit,
      ServerWebExchange exchange) {
    var call = Callers.signedIn(exchange);
    return router
        .data("Orders", Pages.variables(cursor, limit), call)
        .map(data -> page(data.path("me").path("orders"), Locales.of(exchange)));
  }

  @GetMapping("/v1/orders/{id}")
  @Operation(summary = "One order: items, total, status history and payment status")
  public Mono<OrderDetail> order(@PathVariable String id, ServerWebExchange exchange) {
    var call = Callers.signedIn(exchange);
    String orderId = Params.id("id", id);
    return router
        .data("OrderDetail", Map.of("id", orderId), call)
        .map(data -> detail(data.path("order"), orderId, Locales.of(exchange)));
  }

  static OrderPage page(JsonNode orders, Locale locale) {
    var items = new ArrayList<OrderSummary>();
    for (JsonNode edge : orders.path("edges")) {
      JsonNode order = edge.path("node");
      int count = 0;
      for (JsonNode item : order.path("items")) {
        count += item.path("quantity").asInt(0);
      }
      items.add(
          new OrderSummary(
              order.path("id").asString(),
              order.path("status").asString(),
              order.path("createdAt").asString(null),
              DisplayMoney.of(order.path("total"), locale),
              count));
    }
    return new OrderPage(items, Pages.nextCursor(orders));
  }

  static OrderDetail detail(JsonNode order, String id, Locale locale) {
    if (order.isMissingNode() || order.isNull()) {
      throw new GraphQlProblemException(GraphQlProblems.notFound("You have no order " + id + "."));
    }
    var lines = new ArrayList<Line>();
    for (JsonNode item : order.path("items")) {
      lines.add(
          new Line(
              item.path("product").path("id").asString(),
              item.path("product").path("name").asString(null),
              item.path("quantity").asInt(),
              DisplayMoney.of(item.path("unitPrice"), locale),
              DisplayMoney.of(item.path("lineTotal"), locale)));
    }
    var history = new ArrayList<StatusChange>();
    for (JsonNode change : order.path("statusHistory")) {
      history.add(
          new StatusChange(
              change.path("status").asString(),
              change.path("at").asString(null),
              change.path("reason").asString(null)));
    }
    JsonNode a = order.path("shippingAddress");
    JsonNode payment = order.path("payment");
    return new OrderDetail(
        order.path("id").asString(),
        order.path("status").asString(),
        order.path("createdAt").asString(null),
        DisplayMoney.of(order.path("total"), locale),
        lines,
        a.isObject()
            ? new Address(
                a.path("name").asString(null),
                a.path("line1").asString(null),
                a.path("line2").asString(null),
                a.path("postalCode").asString(null),
                a.path("city").asString(null),
                a.path("country").asString(null))
            : null,
        history,
        payment.isObject()
            ? new Payment(
                payment.path("status").asString(), payment.path("failureReason").asString(null))
            : null,
        order.path("failureReason").asString(null));
  }
}
