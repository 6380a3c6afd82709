package dev.storefront.payments.processor;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.function.UnaryOperator;
import reactor.core.publisher.Mono;

/**
 * Times each attempt at the card processor (a retried call is several attempts), by operation and
 * outcome, as a histogram so the dashboards can take percentiles across instances. Calls refused by
 * the circuit breaker or the bulkhead never reach this timer: they are not processor latency.
 */
public class ProcessorCallTimer {

  static final String NAME = "storefront_processor_call";

  private final MeterRegistry meters;

  public ProcessorCallTimer(MeterRegistry meters) {
    this.meters = meters;
  }

  <T> UnaryOperator<Mono<T>> timed(String operation) {
    return call ->
        Mono.defer(() -> {
          Timer.Sample sample = Timer.start(meters);
          return call.doOnSuccess(ok -> sample.stop(timer(operation, "ok")))
              .doOnError(e -> sample.stop(timer(operation, outcomeOf(e))))
              .doOnCancel(() -> sample.stop(timer(operation, "cancelled")));
        });
  }

  private Timer timer(String operation, String outcome) {
    return Timer.builder(NAME)
        .description("Attempts at the card processor, by operation and outcome")
        .tags("operation", operation, "outcome", outcome)
        .publishPercentileHistogram()
        .register(meters);
  }

  static String outcomeOf(Throwable error) {
    return error instanceof ProcessorCallException p
        ? p.kind().name().toLowerCase(Locale.ROOT)
        : "error";
  }
}
