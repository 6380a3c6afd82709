package dev.storefront.inventory.reservation;

import dev.storefront.messaging.outbox.Outbox;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.r2dbc.core.DatabaseClient;

@Configuration
class ReservationConfiguration {

  @Bean
  StockReservations stockReservations(DatabaseClient db, Outbox outbox) {
    return new StockReservations(db, outbox);
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
