package dev.storefront.sandbox.cardprocessor.intent;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.springframework.stereotype.Component;

/**
 * Intents and idempotency keys, in memory. A key is bound to its first request with {@code
 * computeIfAbsent}, so any number of concurrent requests with one key create exactly one intent.
 */
@Component
public class IntentStore {

  private static final String ALPHABET =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final SecureRandom RANDOM = new SecureRandom();

  record KeyBinding(CreateIntentRequest request, String intentId) {}

  /** The intent for a create call and whether this call created it. */
  public record Created(PaymentIntent intent, boolean isNew) {}

  private final Map<String, PaymentIntent> intents = new ConcurrentHashMap<>();
  private final Map<String, KeyBinding> keys = new ConcurrentHashMap<>();

  public Created create(String idempotencyKey, CreateIntentRequest request) {
    boolean[] created = {false};
    KeyBinding binding =
        keys.computeIfAbsent(
            idempotencyKey,
            key -> {
              PaymentIntent intent =
                  new PaymentIntent(
                      "pi_" + randomId(24),
                      "payment_intent",
                      IntentStatus.processing,
                      request.amount(),
                      request.currency(),
                      request.reference(),
                      Instant.now().getEpochSecond(),
                      null);
              intents.put(intent.id(), intent);
              created[0] = true;
              return new KeyBinding(request, intent.id());
            });
    if (!binding.request().equals(request)) {
      throw new ApiError(
          409, "idempotency_error", "this Idempotency-Key was used with different parameters");
    }
    return new Created(intents.get(binding.intentId()), created[0]);
  }

  public Optional<PaymentIntent> get(String id) {
    return Optional.ofNullable(intents.get(id));
  }

  /**
   * Moves an intent from processing (or, for a cancel, also from succeeded) to {@code next},
   * atomically; empty when it was not in a state that allows it.
   */
  public Optional<PaymentIntent> transition(
      String id, List<IntentStatus> from, IntentStatus next, String failureCode) {
    PaymentIntent[] moved = {null};
    intents.computeIfPresent(
        id,
        (key, intent) -> {
          if (!from.contains(intent.status())) {
            return intent;
          }
          moved[0] = intent.withStatus(next, failureCode);
          return moved[0];
        });
    return Optional.ofNullable(moved[0]);
  }

  public List<PaymentIntent> all(String reference) {
    List<PaymentIntent> found = new ArrayList<>();
    for (PaymentIntent intent : intents.values()) {
      if (reference == null || reference.equals(intent.reference())) {
        found.add(intent);
      }
    }
    found.sort(Comparator.comparingLong(PaymentIntent::created).thenComparing(PaymentIntent::id));
    return found;
  }

  public void forEach(Consumer<PaymentIntent> action) {
    intents.values().forEach(action);
  }

  public void clear() {
    keys.clear();
    intents.clear();
  }

  private static String randomId(int length) {
    StringBuilder id = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }
}
