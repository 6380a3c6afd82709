package dev.storefront.payments.payment;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.dataloader.MappedBatchLoader;

/** Payments of many orders in one statement. */
@DgsDataLoader(name = "paymentsByOrder")
public class PaymentDataLoader implements MappedBatchLoader<UUID, Payment> {

  private final PaymentRows payments;

  public PaymentDataLoader(PaymentRows payments) {
    this.payments = payments;
  }

  @Override
  public CompletionStage<Map<UUID, Payment>> load(Set<UUID> orderIds) {
    return payments
        .byOrderIds(orderIds)
        .collectMap(p -> UUID.fromString(p.orderId()), Function.identity())
        .contextCapture()
        .toFuture();
  }
}
