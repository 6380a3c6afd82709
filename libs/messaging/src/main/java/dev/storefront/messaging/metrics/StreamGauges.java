package dev.storefront.messaging.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.data.redis.connection.stream.StreamInfo.XInfoGroup;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * How far this service's consumer group is behind on each stream it reads, and how many events it
 * parked as dead letters. Pending: delivered to the group but not acknowledged (being handled, or
 * retried). Lag: not yet delivered at all (XINFO GROUPS, Redis 7).
 */
public class StreamGauges {

  private record Watched(String stream, AtomicLong pending, AtomicLong lag) {}

  private final ReactiveStringRedisTemplate redis;
  private final String group;
  private final String deadLetterStream;
  private final List<Watched> watched;
  private final AtomicLong deadLetters = new AtomicLong();

  public StreamGauges(
      ReactiveStringRedisTemplate redis,
      String group,
      List<String> streams,
      String deadLetterStream,
      MeterRegistry meters) {
    this.redis = redis;
    this.group = group;
    this.deadLetterStream = deadLetterStream;
    this.watched =
        streams.stream().map(s -> new Watched(s, new AtomicLong(), new AtomicLong())).toList();
    for (Watched w : watched) {
      Gauge.builder("storefront_stream_pending_events", w.pending(), AtomicLong::get)
          .description("Events delivered to the consumer group and not yet acknowledged")
          .tags("stream", w.stream(), "group", group)
          .register(meters);
      Gauge.builder("storefront_stream_lag_events", w.lag(), AtomicLong::get)
          .description("Events in the stream not yet delivered to the consumer group")
          .tags("stream", w.stream(), "group", group)
          .register(meters);
    }
    Gauge.builder("storefront_dead_letter_events", deadLetters, AtomicLong::get)
        .description("Events in the consumer group's dead-letter stream")
        .tags("stream", deadLetterStream, "group", group)
        .register(meters);
  }

  public Mono<Void> refresh() {
    Mono<Void> streams =
        Flux.fromIterable(watched)
            .concatMap(w ->
                redis
                    .opsForStream()
                    .groups(w.stream())
                    .filter(g -> group.equals(g.groupName()))
                    .doOnNext(g -> {
                      w.pending().set(g.pendingCount());
                      w.lag().set(lagOf(g));
                    })
                    // No stream yet (nothing published): nothing is behind.
                    .onErrorResume(e -> Mono.empty()))
            .then();
    Mono<Void> parked =
        redis.opsForStream().size(deadLetterStream).doOnNext(deadLetters::set).then();
    return streams.then(parked);
  }

  /** Redis answers nil when it cannot tell (after deletions): count it as unknown, so zero. */
  static long lagOf(XInfoGroup group) {
    Object lag = group.getRaw().get("lag");
    if (lag instanceof Number n) {
      return n.longValue();
    }
    if (lag instanceof byte[] bytes) {
      return Long.parseLong(new String(bytes, java.nio.charset.StandardCharsets.US_ASCII));
    }
    if (lag instanceof String s && !s.isBlank()) {
      return Long.parseLong(s);
    }
    return 0;
  }
}
