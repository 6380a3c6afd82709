package dev.storefront.payments.payment;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsEntityFetcher;
import dev.storefront.graphql.error.ClientError;
import dev.storefront.graphql.identity.CurrentUser;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

@DgsComponent
public class PaymentDataFetcher {

  public record Order(String id) {}

  @DgsEntityFetcher(name = "Order")
  public Order order(Map<String, Object> representation) {
    return new Order(String.valueOf(representation.get("id")));
  }

  /** The payment, for its owner only: anyone else's is NOT_FOUND. */
  @DgsData(parentType = "Order", field = "payment")
  public CompletableFuture<Payment> payment(DgsDataFetchingEnvironment env) {
    Order order = env.getSource();
    String user = CurrentUser.require(env);
    UUID orderId;
    try {
      orderId = UUID.fromString(order.id());
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(null);
    }
    return env.<UUID, Payment>getDataLoader(PaymentDataLoader.class)
        .load(orderId)
        .thenApply(payment -> {
          if (payment != null && !payment.userId().equals(user)) {
            throw ClientError.notFound("no payment for order " + order.id());
          }
          return payment;
        });
  }
}
