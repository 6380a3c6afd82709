package dev.storefront.orders.subscription;

import dev.storefront.messaging.PollingLoop;
import dev.storefront.messaging.stream.EventStreams;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Ids of orders whose status changed, on any instance: read from the orders event stream (outside
 * any consumer group, each instance sees everything) and fanned out to this instance's
 * subscriptions.
 */
@Component
public class OrderStatusFeed extends PollingLoop {

  private final ReactiveStringRedisTemplate redis;
  private final String stream;
  private final Sinks.Many<String> changes = Sinks.many().multicast().directBestEffort();
  private final AtomicReference<String> lastId = new AtomicReference<>();

  public OrderStatusFeed(
      ReactiveStringRedisTemplate redis,
      EventStreams streams,
      @Value("${spring.application.name}") String service) {
    super(
        "order status feed", Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofSeconds(1));
    this.redis = redis;
    this.stream = streams.eventsOf(service);
  }

  public Flux<String> changedOrderIds() {
    return changes.asFlux();
  }

  @Override
  public Mono<Integer> step() {
    if (lastId.get() == null) {
      // Start at the stream's end: subscriptions load the current status themselves.
      return redis
          .opsForStream()
          .reverseRange(
              stream,
              Range.unbounded(),
              org.springframework.data.redis.connection.Limit.limit().count(1))
          .next()
          .map(record -> record.getId().getValue())
          .defaultIfEmpty("0-0")
          .doOnNext(lastId::set)
          .thenReturn(0);
    }
    return redis
        .<String, String>opsForStream()
        .read(
            StreamReadOptions.empty().count(500),
            StreamOffset.create(stream, ReadOffset.from(lastId.get())))
        .doOnNext(this::publish)
        .count()
        .map(Long::intValue);
  }

  private void publish(MapRecord<String, String, String> record) {
    lastId.set(record.getId().getValue());
    if ("OrderStatusChanged".equals(record.getValue().get("type"))) {
      changes.tryEmitNext(record.getValue().get("aggregateId"));
    }
  }
}
