package dev.storefront.sandbox.cardprocessor.fault;

import dev.storefront.sandbox.cardprocessor.api.ApiError;
import java.net.URI;

/**
 * How the sandbox behaves right now (the JSON of {@code /sandbox/config}).
 *
 * @param latencyMs time from creation until an intent is decided
 * @param apiLatencyMs added to every {@code /v1} answer
 * @param declineRate share of intents declined, 0 to 1
 * @param errorRate share of {@code /v1} calls answered 500, 0 to 1
 * @param outage every {@code /v1} call answers 503
 * @param webhookUrl where events are POSTed
 */
public record Behaviour(
    long latencyMs,
    long apiLatencyMs,
    double declineRate,
    double errorRate,
    boolean outage,
    String webhookUrl) {

  public Behaviour {
    if (latencyMs < 0 || apiLatencyMs < 0) {
      throw ApiError.invalid("latencyMs and apiLatencyMs must not be negative");
    }
    // Written so that NaN fails too.
    if (!(declineRate >= 0 && declineRate <= 1)) {
      throw ApiError.invalid("declineRate must be between 0 and 1");
    }
    if (!(errorRate >= 0 && errorRate <= 1)) {
      throw ApiError.invalid("errorRate must be between 0 and 1");
    }
    if (!isHttpUrl(webhookUrl)) {
      throw ApiError.invalid("webhookUrl must be an absolute http(s) URL");
    }
  }

  /** This behaviour with the change's non-null fields applied. */
  public Behaviour with(BehaviourChange change) {
    return new Behaviour(
        change.latencyMs() != null ? change.latencyMs() : latencyMs,
        change.apiLatencyMs() != null ? change.apiLatencyMs() : apiLatencyMs,
        change.declineRate() != null ? change.declineRate() : declineRate,
        change.errorRate() != null ? change.errorRate() : errorRate,
        change.outage() != null ? change.outage() : outage,
        change.webhookUrl() != null ? change.webhookUrl() : webhookUrl);
  }

  private static boolean isHttpUrl(String url) {
    if (url == null) {
      return false;
    }
    try {
      URI uri = URI.create(url);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
