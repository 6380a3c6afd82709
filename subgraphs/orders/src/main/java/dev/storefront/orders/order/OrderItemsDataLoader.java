package dev.storefront.orders.order;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.dataloader.MappedBatchLoader;

/** The items of many orders in one statement. */
@DgsDataLoader(name = "orderItems")
public class OrderItemsDataLoader implements MappedBatchLoader<String, List<OrderItem>> {

  private final OrderRows orders;

  public OrderItemsDataLoader(OrderRows orders) {
    this.orders = orders;
  }

  @Override
  public CompletionStage<Map<String, List<OrderItem>>> load(Set<String> orderIds) {
    return orders
        .itemsOf(orderIds.stream().map(UUID::fromString).toList())
        .collect(Collectors.groupingBy(OrderItem::orderId))
        .contextCapture()
        .toFuture();
  }
}
