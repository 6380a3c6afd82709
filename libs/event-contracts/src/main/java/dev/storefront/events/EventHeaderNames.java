package dev.storefront.events;

/**
 * What travels beside an event's JSON payload, as UTF-8 record headers. The type and version are
 * outside the payload so a consumer can skip types it does not handle without parsing them, and the
 * event id is the key of the consumers' deduplication.
 */
public final class EventHeaderNames {

  public static final String EVENT_ID = "event-id";
  public static final String EVENT_TYPE = "event-type";
  public static final String EVENT_VERSION = "event-version";
  public static final String OCCURRED_AT = "occurred-at";

  private EventHeaderNames() {}
}
