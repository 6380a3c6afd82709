package dev.storefront.messaging.broadcast;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Follows every partition of one topic from its end, outside any consumer group (manual assignment,
 * no commits), on a thread of its own, and multicasts each record. The Kafka client reconnects by
 * itself; a consumer that fails is replaced and continues where the old one was. Partitions added
 * to the topic later are followed from their start.
 */
final class TopicTail implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(TopicTail.class);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final Duration RECHECK_PARTITIONS = Duration.ofSeconds(30);
  private static final Duration AFTER_ERROR = Duration.ofSeconds(1);

  private final String topic;
  private final Supplier<Consumer<String, byte[]>> consumers;
  private final Sinks.Many<ConsumerRecord<String, byte[]>> records =
      Sinks.many().multicast().directBestEffort();
  private final Sinks.One<Void> listening = Sinks.one();
  private final Map<TopicPartition, Long> positions = new HashMap<>();
  private volatile boolean running = true;
  private volatile Consumer<String, byte[]> current;
  private final Thread thread;

  TopicTail(String topic, Supplier<Consumer<String, byte[]>> consumers) {
    this.topic = topic;
    this.consumers = consumers;
    this.thread = Thread.ofPlatform().daemon().name("broadcast-" + topic).unstarted(this);
  }

  TopicTail start() {
    thread.start();
    return this;
  }

  Flux<ConsumerRecord<String, byte[]>> records() {
    return records.asFlux();
  }

  /** Completes once every partition is followed: records published after that are seen. */
  Mono<Void> listening() {
    return listening.asMono();
  }

  @Override
  public void run() {
    while (running) {
      try (Consumer<String, byte[]> consumer = consumers.get()) {
        current = consumer;
        follow(consumer);
      } catch (WakeupException e) {
        // stop() woke the consumer up
      } catch (RuntimeException e) {
        if (running) {
          log.warn("following {} failed (again in {})", topic, AFTER_ERROR, e);
          sleep(AFTER_ERROR);
        }
      } finally {
        current = null;
      }
    }
    records.tryEmitComplete();
  }

  private void follow(Consumer<String, byte[]> consumer) {
    long nextCheck = 0;
    while (running) {
      if (System.nanoTime() - nextCheck >= 0) {
        if (!assign(consumer)) {
          sleep(AFTER_ERROR);
          continue;
        }
        nextCheck = System.nanoTime() + RECHECK_PARTITIONS.toNanos();
      }
      ConsumerRecords<String, byte[]> polled = consumer.poll(POLL);
      for (ConsumerRecord<String, byte[]> record : polled) {
        positions.put(new TopicPartition(record.topic(), record.partition()), record.offset() + 1);
        records.tryEmitNext(record);
      }
    }
  }

  /** Takes every partition of the topic; false while the topic is not there (yet). */
  private boolean assign(Consumer<String, byte[]> consumer) {
    List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
    if (infos == null || infos.isEmpty()) {
      return false;
    }
    List<TopicPartition> partitions =
        infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    if (partitions.size() == consumer.assignment().size()) {
      return true;
    }
    boolean first = positions.isEmpty() && consumer.assignment().isEmpty();
    consumer.assign(partitions);
    for (TopicPartition partition : partitions) {
      Long position = positions.get(partition);
      if (position != null) {
        consumer.seek(partition, position);
      } else if (first) {
        consumer.seekToEnd(List.of(partition));
      } else {
        consumer.seekToBeginning(List.of(partition)); // added later: all of it is new
      }
    }
    // The lazy seeks resolve here, so "listening" means the end offsets are fixed.
    partitions.forEach(partition -> positions.put(partition, consumer.position(partition)));
    listening.tryEmitEmpty();
    return true;
  }

  void stop() {
    running = false;
    Consumer<String, byte[]> consumer = current;
    if (consumer != null) {
      consumer.wakeup();
    }
    try {
      thread.join(Duration.ofSeconds(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void sleep(Duration pause) {
    try {
      Thread.sleep(pause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }
}
