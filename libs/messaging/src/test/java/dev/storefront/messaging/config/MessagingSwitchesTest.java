package dev.storefront.messaging.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

import dev.storefront.events.EventTopics;
import dev.storefront.events.orders.OrderPlaced;
import dev.storefront.messaging.broadcast.EventBroadcast;
import dev.storefront.messaging.consumer.EventHandler;
import dev.storefront.messaging.kafka.DeclaredTopics;
import dev.storefront.messaging.outbox.Outbox;
import dev.storefront.messaging.outbox.OutboxRelay;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/** What a service gets with the relay or the consumers switched off, or without handlers. */
class MessagingSwitchesTest {

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(MessagingAutoConfiguration.class, KafkaAutoConfiguration.class))
          .withBean(DatabaseClient.class, () -> mock(DatabaseClient.class))
          .withBean(TransactionalOperator.class, () -> mock(TransactionalOperator.class))
          .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
          .withPropertyValues(
              "spring.application.name=switches-test",
              "storefront.messaging.namespace=storefront-test-switches",
              "storefront.messaging.retention-enabled=false",
              // Nothing here talks to a broker: the declared topics are only looked at.
              "spring.kafka.bootstrap-servers=127.0.0.1:1");

  @Test
  void withTheRelayOffEventsAreRecordedButNotPublished() {
    runner
        .withPropertyValues(
            "storefront.messaging.relay.enabled=false",
            "storefront.messaging.consumers.enabled=false")
        .run(context -> {
          assertThat(context).hasSingleBean(Outbox.class);
          assertThat(context).doesNotHaveBean(OutboxRelay.class);
          assertThat(context).doesNotHaveBean(ConcurrentMessageListenerContainer.class);
          assertThat(context).hasSingleBean(EventBroadcast.class);
          // A service's own @Scheduled methods must not end up on the library's thread.
          assertThat(context).doesNotHaveBean(TaskScheduler.class);
          assertThat(context.getBean(DeclaredTopics.class).names()).isEmpty();
        });
  }

  @Test
  void withTheConsumersOffHandlersAreNotSubscribed() {
    runner
        .withBean(OrderPlacedHandler.class)
        .withPropertyValues(
            "storefront.messaging.relay.enabled=false",
            "storefront.messaging.consumers.enabled=false")
        .run(context -> {
          assertThat(context).doesNotHaveBean(ConcurrentMessageListenerContainer.class);
          assertThat(context.getBean(DeclaredTopics.class).names()).isEmpty();
        });
  }

  @Test
  void aServiceDeclaresTheTopicsItProducesToConsumesFromAndDeadLettersTo() {
    EventTopics names = new EventTopics("ns");

    DeclaredTopics inventory =
        DeclaredTopics.of(
            names,
            "inventory",
            true,
            Set.of(names.eventsOf("orders"), names.eventsOf("payments")),
            6,
            (short) 3);

    assertThat(inventory.names())
        .containsExactly(
            "ns.dead-letter.inventory",
            "ns.events.inventory",
            "ns.events.orders",
            "ns.events.payments");
    assertThat(inventory.topics())
        .allSatisfy(topic -> {
          assertThat(topic.numPartitions()).isEqualTo(6);
          assertThat(topic.replicationFactor()).isEqualTo((short) 3);
        });
    // The cart produces nothing and consumes OrderConfirmed.
    assertThat(
            DeclaredTopics.of(names, "cart", true, Set.of(names.eventsOf("orders")), 6, (short) 1)
                .names())
        .containsExactly("ns.dead-letter.cart", "ns.events.orders");
    // Orders' relay also sends the status changes, on their own stream.
    assertThat(DeclaredTopics.of(names, "orders", true, Set.of(), 6, (short) 1).names())
        .containsExactly("ns.events.orders", "ns.events.orders.status");
    assertThat(DeclaredTopics.of(names, "orders", false, Set.of(), 6, (short) 1).names()).isEmpty();
  }

  static class OrderPlacedHandler implements EventHandler<OrderPlaced> {
    @Override
    public Class<OrderPlaced> eventType() {
      return OrderPlaced.class;
    }

    @Override
    public Mono<Void> handle(OrderPlaced event) {
      return Mono.empty();
    }
  }
}
