package dev.storefront.messaging.consumer;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The thread that resumes listener containers paused between retries. Kept out of the context as a
 * {@link TaskScheduler} bean, which would otherwise become the scheduler of a service's own
 * {@code @Scheduled} methods.
 */
public class RetryResumer implements DisposableBean {

  private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

  public RetryResumer() {
    scheduler.setThreadNamePrefix("event-retry-");
    scheduler.setDaemon(true);
    scheduler.initialize();
  }

  TaskScheduler scheduler() {
    return scheduler;
  }

  @Override
  public void destroy() {
    scheduler.shutdown();
  }
}
