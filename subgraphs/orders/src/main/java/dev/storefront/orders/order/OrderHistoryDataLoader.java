package dev.storefront.orders.order;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.dataloader.MappedBatchLoader;

/** The status history of many orders in one statement. */
@DgsDataLoader(name = "orderHistory")
public class OrderHistoryDataLoader implements MappedBatchLoader<String, List<OrderStatusChange>> {

  private final OrderRows orders;

  public OrderHistoryDataLoader(OrderRows orders) {
    this.orders = orders;
  }

  @Override
  public CompletionStage<Map<String, List<OrderStatusChange>>> load(Set<String> orderIds) {
    return orders
        .historyOf(orderIds.stream().map(UUID::fromString).toList())
        .collect(Collectors.groupingBy(OrderStatusChange::orderId))
        .contextCapture()
        .toFuture();
  }
}
