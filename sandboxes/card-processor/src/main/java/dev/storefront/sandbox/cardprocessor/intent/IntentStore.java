package dev.storefront.sandbox.cardprocessor.intent;

import dev.storefront.sandbox.cardprocessor.RandomIds;
import dev.storefront.sandbox.cardprocessor.api.ApiError;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * Intents and idempotency keys, in memory. Every change is a single atomic map operation, so
 * concurrent requests and the decision timer never interleave on one intent.
 */
@Component
public class IntentStore {

  private record KeyBinding(CreateIntentRequest request, String intentId) {}

  /** The intent a create call ended with, and whether this call created it. */
  public record Creation(PaymentIntent intent, boolean isNew) {}

  /** The intent after a cancel, and whether this cancel changed it. */
  public record Cancellation(PaymentIntent intent, boolean justCanceled) {
    public boolean refused() {
      return intent.status() == IntentStatus.failed;
    }
  }

  private final Map<String, PaymentIntent> intents = new ConcurrentHashMap<>();
  private final Map<String, KeyBinding> keys = new ConcurrentHashMap<>();

  /**
   * The intent for this idempotency key, created on its first use. {@code computeIfAbsent} runs the
   * creation at most once per key, however many requests race for it.
   */
  public Creation create(String idempotencyKey, CreateIntentRequest request) {
    AtomicBoolean created = new AtomicBoolean();
    KeyBinding binding =
        keys.computeIfAbsent(
            idempotencyKey,
            key -> {
              PaymentIntent intent =
                  PaymentIntent.processing(
                      RandomIds.next("pi"), request, Instant.now().getEpochSecond());
              intents.put(intent.id(), intent);
              created.set(true);
              return new KeyBinding(request, intent.id());
            });
    if (!binding.request().equals(request)) {
      throw ApiError.conflict(
          "idempotency_error", "this Idempotency-Key was already used with different parameters");
    }
    PaymentIntent current = intents.get(binding.intentId());
    if (current == null) {
      // A reset removed the intent between the two lookups.
      throw ApiError.conflict("idempotency_error", "the sandbox was reset; use a new key");
    }
    return new Creation(current, created.get());
  }

  public Optional<PaymentIntent> get(String id) {
    return Optional.ofNullable(intents.get(id));
  }

  /** Moves a processing intent to its outcome; empty if it is no longer processing (cancelled). */
  public Optional<PaymentIntent> decide(String id, IntentStatus outcome, String failureCode) {
    AtomicReference<PaymentIntent> decided = new AtomicReference<>();
    intents.computeIfPresent(
        id,
        (key, intent) -> {
          if (intent.status() != IntentStatus.processing) {
            return intent;
          }
          decided.set(intent.withStatus(outcome, failureCode));
          return decided.get();
        });
    return Optional.ofNullable(decided.get());
  }

  /**
   * Cancels a processing intent or voids a succeeded one (an authorisation not yet captured); a
   * failed one cannot be cancelled. Empty if the intent is unknown.
   */
  public Optional<Cancellation> cancel(String id) {
    AtomicReference<Cancellation> result = new AtomicReference<>();
    intents.computeIfPresent(
        id,
        (key, intent) -> {
          boolean cancellable =
              intent.status() == IntentStatus.processing
                  || intent.status() == IntentStatus.succeeded;
          PaymentIntent after =
              cancellable ? intent.withStatus(IntentStatus.canceled, null) : intent;
          result.set(new Cancellation(after, cancellable));
          return after;
        });
    return Optional.ofNullable(result.get());
  }

  /** Intents with this reference (all when null), oldest first. */
  public List<PaymentIntent> find(String reference) {
    return intents.values().stream()
        .filter(intent -> reference == null || reference.equals(intent.reference()))
        .sorted(Comparator.comparingLong(PaymentIntent::created).thenComparing(PaymentIntent::id))
        .toList();
  }

  public Map<IntentStatus, Long> countByStatus() {
    Map<IntentStatus, Long> counts = new EnumMap<>(IntentStatus.class);
    for (IntentStatus status : IntentStatus.values()) {
      counts.put(status, 0L);
    }
    intents.values().forEach(intent -> counts.merge(intent.status(), 1L, Long::sum));
    return counts;
  }

  public void clear() {
    keys.clear();
    intents.clear();
  }
}
