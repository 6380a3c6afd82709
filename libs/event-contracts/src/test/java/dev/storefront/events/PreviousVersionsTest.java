package dev.storefront.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Consumers must read every earlier version of a payload: what is still in a topic (or in a
 * dead-letter topic, replayed) was written by older code. {@code previous/<Name>.v<N>.json} holds
 * each type's version before the current one; for the Redis-era types that is the payload main
 * wrote before events moved to Kafka (ids and amounts as strings, built from maps), whatever the
 * version number. A type without a predecessor is listed in {@link #NEW_WITH_KAFKA} and its current
 * payload is checked from {@code current/<Name>.v<N>.json} instead.
 */
class PreviousVersionsTest {

  /** Types first published on Kafka: version 1, nothing earlier to read. */
  static final Set<String> NEW_WITH_KAFKA =
      Set.of(
          "OrderCancelled",
          "OrderReconciliationRequested",
          "ReservationStatusReported",
          "PaymentVoided",
          "PaymentStatusReported");

  private final EventCodec codec = new EventCodec();

  static Stream<EventCatalog.Contract> contracts() {
    return EventCatalog.all().stream();
  }

  @ParameterizedTest
  @MethodSource("contracts")
  void thePreviousVersionOfEveryTypeStillParses(EventCatalog.Contract contract) {
    IntegrationEvent sample = SampleEvents.BY_TYPE.get(contract.type());
    Optional<byte[]> previous = previousFixture(contract);

    if (NEW_WITH_KAFKA.contains(contract.name())) {
      assertThat(previous).as("%s has no predecessor", contract.name()).isEmpty();
      assertThat(contract.version()).isEqualTo(1);
      byte[] current =
          fixture("current/" + contract.name() + ".v1.json")
              .orElseThrow(() -> new AssertionError("no current fixture of " + contract.name()));
      assertThat(codec.read(contract.name(), current)).isEqualTo(sample);
    } else {
      byte[] payload =
          previous.orElseThrow(() ->
              new AssertionError(
                  "no previous/"
                      + contract.name()
                      + ".v<N>.json: add the payload of the version before "
                      + contract.version()
                      + ", or list the type in NEW_WITH_KAFKA"));
      assertThat(codec.read(contract.name(), payload)).isEqualTo(sample);
    }
  }

  /** The highest version below the current one, or the current one for unchanged types. */
  private static Optional<byte[]> previousFixture(EventCatalog.Contract contract) {
    for (int version = contract.version(); version >= 1; version--) {
      Optional<byte[]> found = fixture("previous/" + contract.name() + ".v" + version + ".json");
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static Optional<byte[]> fixture(String path) {
    try (InputStream in = PreviousVersionsTest.class.getResourceAsStream("/" + path)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
