package dev.storefront.sandbox.cardprocessor.fault;

/** How the sandbox behaves right now; tests and demos change it through PUT /sandbox/config. */
public record Behaviour(
    long latencyMs,
    long apiLatencyMs,
    double declineRate,
    double errorRate,
    boolean outage,
    String webhookUrl) {

  /** This behaviour with the given changes (nulls keep the current value), validated. */
  public Behaviour with(BehaviourChange change) {
    Behaviour next =
        new Behaviour(
            change.latencyMs() != null ? change.latencyMs() : latencyMs,
            change.apiLatencyMs() != null ? change.apiLatencyMs() : apiLatencyMs,
            change.declineRate() != null ? change.declineRate() : declineRate,
            change.errorRate() != null ? change.errorRate() : errorRate,
            change.outage() != null ? change.outage() : outage,
            change.webhookUrl() != null ? change.webhookUrl() : webhookUrl);
    if (next.latencyMs < 0 || next.apiLatencyMs < 0) {
      throw new IllegalArgumentException("latencies must not be negative");
    }
    if (next.declineRate < 0 || next.declineRate > 1 || next.errorRate < 0 || next.errorRate > 1) {
      throw new IllegalArgumentException("rates must be between 0 and 1");
    }
    if (!next.webhookUrl.startsWith("http://") && !next.webhookUrl.startsWith("https://")) {
      throw new IllegalArgumentException("webhookUrl must be an http(s) URL");
    }
    return next;
  }

  public record BehaviourChange(
      Long latencyMs,
      Long apiLatencyMs,
      Double declineRate,
      Double errorRate,
      Boolean outage,
      String webhookUrl) {}
}
