package dev.storefront.sandbox.cardprocessor.admin;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** {@code GET /sandbox/stats}: what the sandbox has seen since start or the last reset. */
@JsonPropertyOrder({
  "intents",
  "processing",
  "succeeded",
  "failed",
  "canceled",
  "webhooksDelivered",
  "webhooksFailedAttempts"
})
public record SandboxStats(
    long intents,
    long processing,
    long succeeded,
    long failed,
    long canceled,
    long webhooksDelivered,
    long webhooksFailedAttempts) {}
