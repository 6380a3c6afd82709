package dev.storefront.orders.metrics;

import dev.storefront.messaging.metrics.PeriodicRefresh;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

@Configuration
class OrderMetricsConfiguration {

  /** Two small aggregate queries every period (15 s): cheap beside the checkout traffic. */
  @Bean
  PeriodicRefresh orderStateGaugesRefresh(
      DatabaseClient db,
      MeterRegistry meters,
      @Value("${storefront.orders.metrics.period:15s}") Duration period) {
    OrderStateGauges gauges = new OrderStateGauges(db, meters);
    return new PeriodicRefresh("order state gauges", period, gauges::refresh);
  }
}
