package dev.storefront.events.payments;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.storefront.events.EventType;
import dev.storefront.events.IntegrationEvent;
import java.util.UUID;

/**
 * Payments' answer to OrderReconciliationRequested: {@code NONE}, {@code PENDING}, {@code
 * AUTHORIZED}, {@code FAILED} or {@code VOIDED}, with the failure reason if any.
 */
@EventType(name = "PaymentStatusReported", version = 1, producer = "payments")
@JsonIgnoreProperties(ignoreUnknown = true)
public record PaymentStatusReported(UUID orderId, String status, String reason)
    implements IntegrationEvent {

  public static final String NONE = "NONE";
  public static final String PENDING = "PENDING";
  public static final String AUTHORIZED = "AUTHORIZED";
  public static final String FAILED = "FAILED";
  public static final String VOIDED = "VOIDED";
}
