package dev.storefront.bff.web.subscription;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.bff.web.BffWebProperties;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusStreamSlotsTest {

  final StatusStreamSlots slots =
      new StatusStreamSlots(
          new BffWebProperties(
              List.of(),
              true,
              new BffWebProperties.Session(
                  "s:", Duration.ofHours(1), Duration.ofSeconds(30), Duration.ofSeconds(1), "l:"),
              Duration.ofSeconds(15),
              2,
              Duration.ofSeconds(2)));

  @Test
  void upToTheMaximumPerUserAndAReleaseCountsOnce() {
    var first = slots.acquire("ada").orElseThrow();
    var second = slots.acquire("ada").orElseThrow();
    assertThat(slots.acquire("ada")).isEmpty();
    assertThat(slots.acquire("bob")).isPresent();

    first.release();
    first.release();
    assertThat(slots.openBy("ada")).isEqualTo(1);
    assertThat(slots.acquire("ada")).isPresent();
    assertThat(slots.acquire("ada")).isEmpty();

    second.release();
    assertThat(slots.openBy("ada")).isEqualTo(1);
  }
}
