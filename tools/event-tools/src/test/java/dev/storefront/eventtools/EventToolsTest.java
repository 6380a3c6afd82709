package dev.storefront.eventtools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The command line's answers that need no broker. */
class EventToolsTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return EventTools.run(
        List.of(args),
        Map.of(),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void badFlagsPrintTheUsage() {
    assertThat(run("replay", "--everything")).isEqualTo(64);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("event-tools: unknown flag --everything")
        .contains("usage: event-tools COMMAND");
    assertThat(out.size()).isZero();
  }

  @Test
  void helpGoesToStandardOutput() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("dead-letters", "replay", "--event-id");
  }

  @Test
  void anUnreachableBrokerIsOneLineAndExitStatus2WithinTheTimeout() {
    long started = System.nanoTime();

    // Nothing listens on port 1: connections are refused.
    int status = run("dead-letters", "--bootstrap-servers", "127.0.0.1:1");

    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(status).isEqualTo(2);
    assertThat(took).isLessThan(DeadLetterTopics.TIMEOUT.plusSeconds(5));
    String message = err.toString(StandardCharsets.UTF_8);
    assertThat(message)
        .startsWith("event-tools: cannot reach the Kafka broker at 127.0.0.1:1 within 10 s");
    assertThat(message.strip().lines()).hasSize(1);
  }

  @Test
  void anUnresolvableBrokerIsUnreachableToo() {
    assertThat(run("replay", "--bootstrap-servers", "no-such-host.invalid:9092")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .startsWith("event-tools: cannot reach the Kafka broker at no-such-host.invalid:9092");
  }
}
