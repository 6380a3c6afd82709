package dev.storefront.messaging.kafka;

import java.time.Duration;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;

/**
 * Creates the topics the service declares before its consumers start: the broker does not create
 * topics on first use. When the broker is not reachable at start-up the service starts all the same
 * and this keeps trying in the background; meanwhile the relay's sends fail and are retried, and
 * the consumers find the topics when they refresh their metadata.
 */
public class TopicsInitializer implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(TopicsInitializer.class);
  private static final Duration RETRY = Duration.ofSeconds(5);

  private final KafkaAdmin admin;
  private final DeclaredTopics declared;
  private volatile boolean running;
  private volatile Thread retrying;

  public TopicsInitializer(KafkaAdmin admin, DeclaredTopics declared) {
    this.admin = admin;
    this.declared = declared;
  }

  @Override
  public synchronized void start() {
    running = true;
    if (!declared.topics().isEmpty() && !tryCreate()) {
      log.warn("Kafka topics {} not created yet: retrying every {}", declared.names(), RETRY);
      retrying = Thread.ofPlatform().daemon().name("kafka-topics").start(this::retry);
    }
  }

  private boolean tryCreate() {
    try {
      admin.createOrModifyTopics(declared.topics().toArray(NewTopic[]::new));
      return true;
    } catch (RuntimeException e) {
      log.debug("creating topics failed", e);
      return false;
    }
  }

  private void retry() {
    while (running) {
      try {
        Thread.sleep(RETRY);
      } catch (InterruptedException e) {
        return;
      }
      if (running && tryCreate()) {
        log.info("Kafka topics {} created", declared.names());
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
