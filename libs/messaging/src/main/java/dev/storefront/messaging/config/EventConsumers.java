package dev.storefront.messaging.config;

import dev.storefront.messaging.consumer.StreamConsumer;
import java.util.List;
import org.springframework.context.SmartLifecycle;

/** The service's stream consumers (one per source stream), started and stopped together. */
public class EventConsumers implements SmartLifecycle {

  private final List<StreamConsumer> consumers;

  public EventConsumers(List<StreamConsumer> consumers) {
    this.consumers = List.copyOf(consumers);
  }

  public List<StreamConsumer> consumers() {
    return consumers;
  }

  @Override
  public void start() {
    consumers.forEach(StreamConsumer::start);
  }

  @Override
  public void stop() {
    consumers.forEach(StreamConsumer::stop);
  }

  @Override
  public boolean isRunning() {
    return consumers.stream().anyMatch(StreamConsumer::isRunning);
  }
}
