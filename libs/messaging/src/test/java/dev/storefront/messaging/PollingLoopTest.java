package dev.storefront.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * The loop's pauses are an hour here, so a step that follows at once was started by a wake-up,
 * never by the clock.
 */
class PollingLoopTest {

  private static final Duration HOUR = Duration.ofHours(1);

  /** Takes everything there is in one step, like the relay with a short batch. */
  private static final class DrainingLoop extends PollingLoop {
    final AtomicInteger steps = new AtomicInteger();
    volatile Runnable duringStep = () -> {};

    DrainingLoop() {
      super("test loop", HOUR, HOUR, HOUR);
    }

    @Override
    public Mono<Integer> step() {
      return Mono.fromCallable(() -> {
        steps.incrementAndGet();
        duringStep.run();
        return 1;
      });
    }

    @Override
    protected boolean mayHaveMore(int done) {
      return false;
    }
  }

  @Test
  void aStepThatTookEverythingPausesUntilWokenUp() throws InterruptedException {
    DrainingLoop loop = new DrainingLoop();
    loop.start();
    try {
      await().atMost(Duration.ofSeconds(5)).until(() -> loop.steps.get() == 1);
      Thread.sleep(300);
      assertThat(loop.steps.get()).as("no second step without new work").isEqualTo(1);

      loop.wakeUp();
      await().atMost(Duration.ofSeconds(5)).until(() -> loop.steps.get() == 2);
    } finally {
      loop.stop();
    }
  }

  @Test
  void aWakeUpWhileAStepRunsIsNotLost() {
    DrainingLoop loop = new DrainingLoop();
    // A commit lands while the step is reading: the step may not have seen it.
    loop.duringStep =
        () -> {
          if (loop.steps.get() == 1) {
            loop.wakeUp();
          }
        };
    loop.start();
    try {
      await().atMost(Duration.ofSeconds(5)).until(() -> loop.steps.get() >= 2);
    } finally {
      loop.stop();
    }
  }
}
