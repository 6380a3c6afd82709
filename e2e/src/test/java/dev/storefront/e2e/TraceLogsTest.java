package dev.storefront.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The JSON log lines every service (and the router) wrote about a checkout carry the checkout's
 * trace id, so one id leads from a trace to its log lines and back.
 */
class TraceLogsTest {

  static final Path LOGS = SchemaRegistryTest.PLATFORM.getParent().resolve(".run/logs");

  /** They log each event they handle, with the order's id. */
  static final List<String> SAGA_SERVICES = List.of("orders", "inventory", "payments");

  static final List<String> OTHERS = List.of("bff-web", "card-processor-sandbox", "router");

  @Test
  void everyLineAboutAnOrderCarriesTheTraceIdOfItsCheckout() throws Exception {
    TracedCheckout checkout = TracedCheckout.confirmed("872");
    String traceId = checkout.traceId();

    for (String service : SAGA_SERVICES) {
      List<String> lines = awaitLinesAbout(service, checkout.orderId());
      assertThat(lines).as("%s.log lines about order %s", service, checkout.orderId()).isNotEmpty();
      assertThat(lines)
          .as("%s.log lines about order %s", service, checkout.orderId())
          .allSatisfy(line -> assertThat(traceIdOf(line)).isEqualTo(traceId));
    }
    for (String service : OTHERS) {
      assertThat(linesAbout(service, checkout.orderId()))
          .as("%s.log lines about order %s", service, checkout.orderId())
          .allSatisfy(line -> assertThat(traceIdOf(line)).isEqualTo(traceId));
    }
    // The trace id leads to lines in every saga service's log, each a JSON object.
    for (String service : SAGA_SERVICES) {
      assertThat(lines(service))
          .filteredOn(line -> line.contains(traceId))
          .isNotEmpty()
          .allSatisfy(line -> assertThat(Router.JSON.readTree(line).isObject()).isTrue());
    }
  }

  /**
   * The trace id a JSON log line carries: Spring Boot's {@code traceId}, the router's {@code
   * trace_id}.
   */
  static String traceIdOf(String line) {
    JsonNode json = Router.JSON.readTree(line);
    for (String field : List.of("traceId", "trace_id")) {
      if (json.hasNonNull(field)) {
        return json.path(field).asString();
      }
    }
    return json.at("/trace/id").asString("");
  }

  static List<String> awaitLinesAbout(String service, String orderId) throws InterruptedException {
    long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    List<String> lines = linesAbout(service, orderId);
    while (lines.isEmpty() && System.nanoTime() < until) {
      Thread.sleep(500);
      lines = linesAbout(service, orderId);
    }
    return lines;
  }

  static List<String> linesAbout(String service, String orderId) {
    return lines(service).stream().filter(line -> line.contains(orderId)).toList();
  }

  /**
   * The JSON lines of a process's log (.run/logs/NAME.log); start-up noise before JSON is skipped.
   */
  static List<String> lines(String service) {
    Path file = LOGS.resolve(service + ".log");
    if (!Files.exists(file)) {
      return List.of();
    }
    try (var lines = Files.lines(file)) {
      return lines.filter(line -> line.startsWith("{")).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
