package dev.storefront.events;

import java.util.UUID;

/**
 * Something that happened in one service, told to the others. Every checkout event is about one
 * order: its id is the record key, so one order's events are consumed in the order they were
 * published.
 */
public interface IntegrationEvent {

  UUID orderId();
}
