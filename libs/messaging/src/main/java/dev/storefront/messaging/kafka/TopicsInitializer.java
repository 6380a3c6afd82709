package dev.storefront.messaging.kafka;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;

/**
 * Creates the topics the service declares (its {@code NewTopic} beans) before its consumers start:
 * the broker does not create topics on first use. When the broker is not reachable at start-up the
 * service starts all the same and keeps trying in the background; the relay's sends wait (and are
 * retried) until the topics are there.
 */
public class TopicsInitializer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TopicsInitializer.class);
  private static final Duration RETRY = Duration.ofSeconds(5);

  private final KafkaAdmin admin;
  private volatile boolean running;
  private volatile Thread retrying;

  public TopicsInitializer(KafkaAdmin admin) {
    this.admin = admin;
  }

  @Override
  public synchronized void start() {
    running = true;
    if (!admin.initialize()) {
      log.warn("Kafka topics not created yet (broker unreachable?): retrying every {}", RETRY);
      retrying = Thread.ofPlatform().daemon().name("kafka-topics").start(this::retry);
    }
  }

  private void retry() {
    while (running) {
      try {
        Thread.sleep(RETRY);
      } catch (InterruptedException e) {
        return;
      }
      if (running && admin.initialize()) {
        log.info("Kafka topics created");
        return;
      }
    }
  }

  @Override
  public synchronized void stop() {
    running = false;
    Thread thread = retrying;
    if (thread != null) {
      thread.interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Before the listener containers start. */
  @Override
  public int getPhase() {
    return AbstractMessageListenerContainer.DEFAULT_PHASE - 1;
  }
}
