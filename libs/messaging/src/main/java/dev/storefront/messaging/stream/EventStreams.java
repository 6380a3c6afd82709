package dev.storefront.messaging.stream;

/**
 * Names of the Redis streams: one per publishing service, one dead-letter stream per consumer
 * group. A namespace keeps platforms (and test runs) sharing one Redis apart.
 */
public record EventStreams(String namespace) {

  public String eventsOf(String service) {
    return namespace + ":events:" + service;
  }

  public String deadLetterOf(String consumerGroup) {
    return namespace + ":dead-letter:" + consumerGroup;
  }
}
