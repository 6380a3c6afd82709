package dev.storefront.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.events.orders.OrderPlaced;
import dev.storefront.events.orders.OrderStatusChanged;
import dev.storefront.events.payments.PaymentAuthorized;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

class EventCatalogTest {

  /** A record added to the package but not to EventCatalog.TYPES fails the build here. */
  @Test
  void theCatalogHasEveryEventTypeOfThePackage() {
    var scanner = new ClassPathScanningCandidateComponentProvider(false);
    scanner.addIncludeFilter(new AnnotationTypeFilter(EventType.class));
    List<String> annotated =
        scanner.findCandidateComponents("dev.storefront.events").stream()
            .map(BeanDefinition::getBeanClassName)
            .toList();

    assertThat(annotated).isNotEmpty();
    assertThat(annotated)
        .containsExactlyInAnyOrderElementsOf(
            EventCatalog.TYPES.stream().map(Class::getName).toList());
  }

  @Test
  void everyTypeIsAnIntegrationEventNamedOnceWithAVersionAndAProducer() {
    assertThat(EventCatalog.all()).hasSameSizeAs(EventCatalog.TYPES);
    for (EventCatalog.Contract contract : EventCatalog.all()) {
      assertThat(IntegrationEvent.class).isAssignableFrom(contract.type());
      assertThat(contract.version()).isPositive();
      assertThat(contract.producer()).isIn("orders", "inventory", "payments");
      assertThat(EventCatalog.named(contract.name())).contains(contract);
      assertThat(EventCatalog.of(contract.type())).isEqualTo(contract);
    }
  }

  @Test
  void statusChangesTravelOnAStreamOfTheirOwnAndSagaEventsOnTheirProducersTopic() {
    EventTopics topics = new EventTopics("ns");
    assertThat(topics.eventsOf(OrderStatusChanged.class)).isEqualTo("ns.events.orders.status");
    assertThat(topics.eventsOf(OrderPlaced.class)).isEqualTo("ns.events.orders");
    assertThat(topics.eventsOf(PaymentAuthorized.class)).isEqualTo("ns.events.payments");
  }
}
