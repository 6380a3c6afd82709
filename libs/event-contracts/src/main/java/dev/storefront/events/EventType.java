package dev.storefront.events;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names an integration event on the wire. The name never changes; the version goes up whenever the
 * payload's shape changes, and a consumer must still read every earlier version (fields are only
 * added, never removed or renamed; a changed type must accept the old values).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

  /** E.g. {@code OrderPlaced}. */
  String name();

  /** The current version of the payload, from 1. */
  int version();

  /** The service that publishes it: its events travel on that service's topic. */
  String producer();

  /**
   * A topic of its own beside the producer's ({@code events.<producer>.<stream>}), for a
   * high-volume type that no saga consumer handles: on the producer's topic every consumer group of
   * that topic would fetch, skip and commit each one. Empty: the producer's topic.
   */
  String stream() default "";
}
