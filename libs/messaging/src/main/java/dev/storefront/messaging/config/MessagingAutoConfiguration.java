package dev.storefront.messaging.config;

import dev.storefront.messaging.consumer.EventHandler;
import dev.storefront.messaging.consumer.ProcessedMessages;
import dev.storefront.messaging.consumer.StreamConsumer;
import dev.storefront.messaging.outbox.Outbox;
import dev.storefront.messaging.outbox.OutboxRelay;
import dev.storefront.messaging.stream.EventStreams;
import dev.storefront.service.database.ModuleMigration;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import tools.jackson.databind.json.JsonMapper;

/** Outbox, relay and consumers for every service that depends on the messaging library. */
@AutoConfiguration
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

  @Bean
  ModuleMigration messagingTables() {
    return new ModuleMigration("messaging", "classpath:db/messaging");
  }

  @Bean
  EventStreams eventStreams(MessagingProperties properties) {
    return new EventStreams(properties.namespace());
  }

  @Bean
  Outbox outbox(DatabaseClient db, JsonMapper json) {
    return new Outbox(db, json);
  }

  @Bean
  ProcessedMessages processedMessages(DatabaseClient db) {
    return new ProcessedMessages(db);
  }

  @Bean
  @ConditionalOnBooleanProperty(name = "storefront.messaging.relay.enabled", matchIfMissing = true)
  OutboxRelay outboxRelay(
      Outbox outbox,
      DatabaseClient db,
      TransactionalOperator tx,
      ReactiveStringRedisTemplate redis,
      EventStreams streams,
      MessagingProperties properties,
      @Value("${spring.application.name}") String service,
      MeterRegistry meters) {
    OutboxRelay relay =
        new OutboxRelay(
            db,
            tx,
            redis,
            streams.eventsOf(service),
            properties.streamMaxLength(),
            properties.pollIdle(),
            properties.maxPollIdle(),
            meters);
    outbox.afterCommit(relay::wakeUp);
    return relay;
  }

  @Bean
  @ConditionalOnBooleanProperty(
      name = "storefront.messaging.consumers.enabled",
      matchIfMissing = true)
  EventConsumers eventConsumers(
      List<EventHandler> handlers,
      ReactiveStringRedisTemplate redis,
      TransactionalOperator tx,
      ProcessedMessages processed,
      JsonMapper json,
      EventStreams streams,
      MessagingProperties properties,
      @Value("${spring.application.name}") String service,
      @Value("${server.port:0}") int port,
      MeterRegistry meters) {
    String consumerName =
        properties.consumerName() != null && !properties.consumerName().isBlank()
            ? properties.consumerName()
            : service + "-" + port;
    var settings =
        new StreamConsumer.Settings(
            properties.maxRetries(),
            properties.firstBackoff(),
            properties.maxBackoff(),
            properties.pollIdle(),
            properties.maxPollIdle(),
            properties.claimIdle());
    Map<String, List<EventHandler>> bySource =
        handlers.stream()
            .collect(
                Collectors.groupingBy(EventHandler::source, TreeMap::new, Collectors.toList()));
    return new EventConsumers(
        bySource.entrySet().stream()
            .map(entry ->
                new StreamConsumer(
                    redis,
                    tx,
                    processed,
                    json,
                    streams.eventsOf(entry.getKey()),
                    streams.deadLetterOf(service),
                    service,
                    consumerName,
                    entry.getValue(),
                    settings,
                    meters))
            .toList());
  }
}
