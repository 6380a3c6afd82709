package dev.storefront.messaging.metrics;

import dev.storefront.messaging.config.MessagingAutoConfiguration;
import dev.storefront.messaging.consumer.EventHandler;
import dev.storefront.messaging.stream.EventStreams;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;

/** The checkout saga's plumbing as gauges: outbox backlog, consumer lag, dead letters. */
@AutoConfiguration(after = MessagingAutoConfiguration.class)
public class MessagingMetricsAutoConfiguration {

  @Bean
  @ConditionalOnBooleanProperty(name = "storefront.messaging.relay.enabled", matchIfMissing = true)
  PeriodicRefresh outboxGaugesRefresh(
      DatabaseClient db,
      MeterRegistry meters,
      @Value("${storefront.messaging.metrics.period:10s}") Duration period) {
    OutboxGauges gauges = new OutboxGauges(db, meters);
    return new PeriodicRefresh("outbox gauges", period, gauges::refresh);
  }

  @Bean
  @ConditionalOnBooleanProperty(
      name = "storefront.messaging.consumers.enabled",
      matchIfMissing = true)
  PeriodicRefresh streamGaugesRefresh(
      List<EventHandler> handlers,
      ReactiveStringRedisTemplate redis,
      EventStreams streams,
      MeterRegistry meters,
      @Value("${spring.application.name}") String service,
      @Value("${storefront.messaging.metrics.period:10s}") Duration period) {
    List<String> sources =
        handlers.stream()
            .map(EventHandler::source)
            .distinct()
            .sorted()
            .map(streams::eventsOf)
            .toList();
    StreamGauges gauges =
        new StreamGauges(redis, service, sources, streams.deadLetterOf(service), meters);
    return new PeriodicRefresh("stream gauges", period, gauges::refresh);
  }
}
