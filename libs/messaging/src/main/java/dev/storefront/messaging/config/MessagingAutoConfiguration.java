package dev.storefront.messaging.config;

import dev.storefront.events.EventCodec;
import dev.storefront.events.EventTopics;
import dev.storefront.messaging.broadcast.EventBroadcast;
import dev.storefront.messaging.consumer.EventErrorHandler;
import dev.storefront.messaging.consumer.EventHandler;
import dev.storefront.messaging.consumer.EventHandlers;
import dev.storefront.messaging.consumer.EventRecordListener;
import dev.storefront.messaging.consumer.ProcessedMessages;
import dev.storefront.messaging.consumer.RetryResumer;
import dev.storefront.messaging.kafka.DeclaredTopics;
import dev.storefront.messaging.kafka.TopicsInitializer;
import dev.storefront.messaging.outbox.Outbox;
import dev.storefront.messaging.outbox.OutboxRelay;
import dev.storefront.messaging.retention.MessagingRetention;
import dev.storefront.service.database.ModuleMigration;
import dev.storefront.telemetry.StoredTraceContext;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Outbox, relay, consumers, broadcast and retention for every service that depends on the messaging
 * library, on the Kafka clients Spring Boot configures from {@code spring.kafka.*}.
 */
@AutoConfiguration(before = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(MessagingProperties.class)
public class MessagingAutoConfiguration {

  @Bean
  ModuleMigration messagingTables() {
    return new ModuleMigration("messaging", "classpath:db/messaging");
  }

  @Bean
  EventTopics eventTopics(MessagingProperties properties) {
    return new EventTopics(properties.namespace());
  }

  @Bean
  @ConditionalOnMissingBean
  EventCodec eventCodec(ObjectProvider<JsonMapper> json) {
    return new EventCodec(json.getIfAvailable(() -> JsonMapper.builder().build()));
  }

  @Bean
  EventHandlers eventHandlers(ObjectProvider<EventHandler<?>> handlers) {
    return new EventHandlers(handlers.orderedStream().toList());
  }

  @Bean
  Outbox outbox(DatabaseClient db, EventCodec codec, ObjectProvider<StoredTraceContext> traces) {
    return new Outbox(db, codec, traces.getIfAvailable(StoredTraceContext::untraced));
  }

  @Bean
  ProcessedMessages processedMessages(DatabaseClient db) {
    return new ProcessedMessages(db);
  }

  /** What the library relies on, whatever {@code spring.kafka.producer.*} says. */
  @Bean
  DefaultKafkaProducerFactoryCustomizer eventProducerSettings() {
    return factory ->
        factory.updateConfigs(
            Map.of(
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                ByteArraySerializer.class,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                true,
                ProducerConfig.ACKS_CONFIG,
                "all"));
  }

  /** What the library relies on, whatever {@code spring.kafka.consumer.*} says. */
  @Bean
  DefaultKafkaConsumerFactoryCustomizer eventConsumerSettings() {
    return factory ->
        factory.updateConfigs(
            Map.of(
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
  }

  @Bean
  @SuppressWarnings("unchecked")
  KafkaTemplate<String, byte[]> kafkaTemplate(ProducerFactory<?, ?> producers) {
    return new KafkaTemplate<>((ProducerFactory<String, byte[]>) producers);
  }

  @Bean
  DeclaredTopics declaredTopics(
      EventTopics topics,
      EventHandlers handlers,
      MessagingProperties properties,
      @Value("${spring.application.name}") String service,
      @Value("${storefront.messaging.relay.enabled:true}") boolean relay,
      @Value("${storefront.messaging.consumers.enabled:true}") boolean consumers) {
    return DeclaredTopics.of(
        topics,
        service,
        relay,
        consumers ? handlers.topics(topics) : Set.of(),
        properties.partitions(),
        properties.replicationFactor());
  }

  /** The same as KafkaAdmin's declarations (created by TopicsInitializer, retrying). */
  @Bean
  KafkaAdmin.NewTopics eventTopicDeclarations(DeclaredTopics declared) {
    return new KafkaAdmin.NewTopics(declared.topics().toArray(NewTopic[]::new));
  }

  @Bean
  TopicsInitializer topicsInitializer(KafkaAdmin admin, DeclaredTopics declared) {
    return new TopicsInitializer(admin, declared);
  }

  @Bean
  @ConditionalOnBooleanProperty(name = "storefront.messaging.relay.enabled", matchIfMissing = true)
  OutboxRelay outboxRelay(
      Outbox outbox,
      DatabaseClient db,
      TransactionalOperator tx,
      KafkaTemplate<String, byte[]> kafka,
      EventTopics topics,
      MessagingProperties properties,
      @Value("${spring.application.name}") String service,
      ObjectProvider<StoredTraceContext> traces,
      MeterRegistry meters) {
    OutboxRelay relay =
        new OutboxRelay(
            db,
            tx,
            kafka,
            topics,
            service,
            properties.pollIdle(),
            properties.maxPollIdle(),
            properties.publishTimeout(),
            traces.getIfAvailable(StoredTraceContext::untraced),
            meters);
    outbox.afterCommit(relay::wakeUp);
    return relay;
  }

  @Bean
  RetryResumer eventRetryResumer() {
    return new RetryResumer();
  }

  @Bean
  @ConditionalOnBean(EventHandler.class)
  @ConditionalOnBooleanProperty(
      name = "storefront.messaging.consumers.enabled",
      matchIfMissing = true)
  @SuppressWarnings("unchecked")
  ConcurrentMessageListenerContainer<String, byte[]> eventListenerContainer(
      ConsumerFactory<?, ?> consumers,
      KafkaTemplate<String, byte[]> kafka,
      EventHandlers handlers,
      EventCodec codec,
      ProcessedMessages processed,
      TransactionalOperator tx,
      EventTopics topics,
      MessagingProperties properties,
      RetryResumer eventRetryResumer,
      @Value("${spring.application.name}") String service,
      @Value("${storefront.messaging.consumer-group:${spring.application.name}}") String group,
      @Value("${server.port:0}") int port,
      MeterRegistry meters) {
    ContainerProperties container =
        new ContainerProperties(handlers.topics(topics).toArray(String[]::new));
    // The Kafka group is the service's name; tests give theirs a name of their own.
    container.setGroupId(group);
    container.setClientId(service + "-" + hostName() + "-" + port);
    // Offsets are committed every commit-interval, and only for records that were handled (each
    // in its own committed transaction). Committing after every poll cost an OffsetCommit request
    // per delivered event (15.7 per order measured: most polls return one record), each a write to
    // __consumer_offsets, and blocked the consumer for the round trip. A crash before the commit
    // redelivers records that processed_messages then recognises; a rebalance or a stop commits
    // what is pending first. The poll returns at least as often, so a quiet consumer commits too.
    container.setAckMode(ContainerProperties.AckMode.TIME);
    container.setAckTime(properties.commitInterval().toMillis());
    container.setPollTimeout(properties.commitInterval().toMillis());
    container.setMessageListener(
        new EventRecordListener(
            handlers, codec, processed, tx, service, properties.handlerTimeout(), meters));
    // A record in flight at shutdown is finished before the database pool closes.
    container.setShutdownTimeout(properties.handlerTimeout().plusSeconds(5).toMillis());
    container.setMicrometerEnabled(true);
    // Each record is handled in a span continuing the trace in its headers (StoredTraceContext):
    // its database work, outbox rows and HTTP calls join the checkout's trace, and its log lines
    // carry that trace id.
    container.setObservationEnabled(true);
    var listeners =
        new ConcurrentMessageListenerContainer<>(
            (ConsumerFactory<String, byte[]>) consumers, container);
    listeners.setConcurrency(properties.consumerConcurrency());
    listeners.setCommonErrorHandler(
        EventErrorHandler.create(
            kafka,
            topics.deadLetterOf(service),
            new EventErrorHandler.Policy(
                properties.maxRetries(), properties.firstBackoff(), properties.maxBackoff()),
            eventRetryResumer,
            meters));
    return listeners;
  }

  @Bean
  EventBroadcast eventBroadcast(EventTopics topics, EventCodec codec, KafkaProperties kafka) {
    return new EventBroadcast(
        topics,
        codec,
        () -> {
          Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
          // Outside any group: nothing to join, nothing to commit.
          config.remove(ConsumerConfig.GROUP_ID_CONFIG);
          config.remove(ConsumerConfig.CLIENT_ID_CONFIG);
          config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
          config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
          config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
          return new KafkaConsumer<>(config);
        });
  }

  @Bean
  @ConditionalOnBooleanProperty(
      name = "storefront.messaging.retention-enabled",
      matchIfMissing = true)
  MessagingRetention messagingRetention(
      DatabaseClient db, TransactionalOperator tx, MessagingProperties properties) {
    return new MessagingRetention(
        db,
        tx,
        properties.retention(),
        properties.retentionBatch(),
        properties.retentionInterval());
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
