package dev.storefront.messaging.consumer;

import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

/** The events a consumer group has handled, kept in the consuming service's own database. */
public class ProcessedMessages {

  private final DatabaseClient db;

  public ProcessedMessages(DatabaseClient db) {
    this.db = db;
  }

  /** True when this is the first time the group sees the event. */
  public Mono<Boolean> markNew(String consumerGroup, UUID eventId) {
    return db.sql(
            "INSERT INTO processed_messages (consumer_group, event_id) VALUES (:group, :eventId)"
                + " ON CONFLICT DO NOTHING")
        .bind("group", consumerGroup)
        .bind("eventId", eventId)
        .fetch()
        .rowsUpdated()
        .map(inserted -> inserted == 1);
  }
}
