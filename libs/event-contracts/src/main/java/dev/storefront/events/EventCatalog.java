package dev.storefront.events;

import dev.storefront.events.inventory.ReservationStatusReported;
import dev.storefront.events.inventory.StockCommitted;
import dev.storefront.events.inventory.StockReleased;
import dev.storefront.events.inventory.StockReservationRejected;
import dev.storefront.events.inventory.StockReserved;
import dev.storefront.events.orders.OrderCancelled;
import dev.storefront.events.orders.OrderConfirmed;
import dev.storefront.events.orders.OrderPlaced;
import dev.storefront.events.orders.OrderReconciliationRequested;
import dev.storefront.events.orders.OrderStatusChanged;
import dev.storefront.events.payments.PaymentAuthorized;
import dev.storefront.events.payments.PaymentFailed;
import dev.storefront.events.payments.PaymentStatusReported;
import dev.storefront.events.payments.PaymentVoided;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every integration event type the platform knows, by class and by wire name. */
public final class EventCatalog {

  /**
   * One event type as it travels: its wire name, current version, producing service and the stream
   * of that service's it travels on (empty: the service's own topic).
   */
  public record Contract(
      String name,
      int version,
      String producer,
      String stream,
      Class<? extends IntegrationEvent> type) {}

  public static final List<Class<? extends IntegrationEvent>> TYPES =
      List.of(
          OrderPlaced.class,
          OrderStatusChanged.class,
          OrderConfirmed.class,
          OrderCancelled.class,
          OrderReconciliationRequested.class,
          StockReserved.class,
          StockReservationRejected.class,
          StockCommitted.class,
          StockReleased.class,
          ReservationStatusReported.class,
          PaymentAuthorized.class,
          PaymentFailed.class,
          PaymentVoided.class,
          PaymentStatusReported.class);

  private static final Map<String, Contract> BY_NAME = new LinkedHashMap<>();
  private static final Map<Class<?>, Contract> BY_TYPE = new LinkedHashMap<>();

  static {
    for (Class<? extends IntegrationEvent> type : TYPES) {
      EventType annotation = type.getAnnotation(EventType.class);
      if (annotation == null) {
        throw new IllegalStateException(type.getName() + " lacks @EventType");
      }
      Contract contract =
          new Contract(
              annotation.name(),
              annotation.version(),
              annotation.producer(),
              annotation.stream(),
              type);
      if (BY_NAME.put(contract.name(), contract) != null) {
        throw new IllegalStateException("two event types named " + contract.name());
      }
      BY_TYPE.put(type, contract);
    }
  }

  private EventCatalog() {}

  public static Contract of(Class<? extends IntegrationEvent> type) {
    Contract contract = BY_TYPE.get(type);
    if (contract == null) {
      throw new IllegalArgumentException(
          type.getName() + " is not in the event catalog (EventCatalog.TYPES)");
    }
    return contract;
  }

  public static Optional<Contract> named(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  public static List<Contract> all() {
    return List.copyOf(BY_NAME.values());
  }
}
