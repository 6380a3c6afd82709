package dev.storefront.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
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
    List<byte[]> previous = previousFixtures(contract);

    if (NEW_WITH_KAFKA.contains(contract.name())) {
      assertThat(previous).as("%s has no predecessor", contract.name()).isEmpty();
      assertThat(contract.version()).isEqualTo(1);
      byte[] current =
          fixture("current/" + contract.name() + ".v1.json")
              .orElseThrow(() -> new AssertionError("no current fixture of " + contract.name()));
      assertThat(codec.read(contract.name(), current)).isEqualTo(sample);
    } else {
      assertThat(previous)
          .as(
              "no previous/%s.v<N>.json: add the payload of the version before %d, or list the"
                  + " type in NEW_WITH_KAFKA",
              contract.name(), contract.version())
          .isNotEmpty();
      for (byte[] payload : previous) {
        assertThat(codec.read(contract.name(), payload)).isEqualTo(sample);
      }
    }
  }

  /**
   * Every earlier payload kept (a consumer may meet any of them), or the current one for types
   * unchanged since Redis.
   */
  private static List<byte[]> previousFixtures(EventCatalog.Contract contract) {
    List<byte[]> found = new ArrayList<>();
    for (int version = contract.version(); version >= 1; version--) {
      fixture("previous/" + contract.name() + ".v" + version + ".json").ifPresent(found::add);
    }
    return found;
  }

  private static Optional<byte[]> fixture(String path) {
    try (InputStream in = PreviousVersionsTest.class.getResourceAsStream("/" + path)) {
      return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
