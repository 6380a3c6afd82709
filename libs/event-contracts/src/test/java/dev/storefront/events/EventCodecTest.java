package dev.storefront.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storefront.events.inventory.StockCommitted;
import dev.storefront.events.orders.OrderConfirmed;
import dev.storefront.events.orders.OrderPlaced;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EventCodecTest {

  private final EventCodec codec = new EventCodec();

  static Stream<Class<? extends IntegrationEvent>> types() {
    return EventCatalog.TYPES.stream();
  }

  @Test
  void thereIsASampleOfEveryType() {
    assertThat(SampleEvents.BY_TYPE.keySet())
        .containsExactlyInAnyOrderElementsOf(EventCatalog.TYPES);
  }

  @ParameterizedTest
  @MethodSource("types")
  void aSampleRoundTrips(Class<? extends IntegrationEvent> type) {
    IntegrationEvent sample = SampleEvents.BY_TYPE.get(type);
    String name = EventCatalog.of(type).name();

    assertThat(codec.read(name, codec.write(sample))).isEqualTo(sample);
    assertThat(codec.read(type, codec.writeString(sample).getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(sample);
  }

  @Test
  void anOrderConfirmedCarriesTheCartItWasPlacedFrom() {
    var confirmed =
        new OrderConfirmed(
            SampleEvents.ORDER,
            "user-1",
            List.of(new OrderConfirmed.Item(9961, 2)),
            Instant.parse("2026-12-02T06:00:00.123Z"));

    assertThat(codec.read("OrderConfirmed", codec.write(confirmed))).isEqualTo(confirmed);
  }

  @Test
  void fieldsOfANewerVersionAreIgnored() {
    String newer =
        "{\"orderId\":\"" + SampleEvents.ORDER + "\",\"afterExpiry\":true,\"warehouse\":\"north\"}";

    assertThat(codec.read("StockCommitted", bytes(newer)))
        .isEqualTo(new StockCommitted(SampleEvents.ORDER, true));
  }

  @Test
  void anUnknownTypeIsMalformed() {
    assertThatThrownBy(() -> codec.read("NoSuchEvent", bytes("{}")))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("unknown event type NoSuchEvent");
  }

  @Test
  void anUnreadablePayloadIsMalformed() {
    assertThatThrownBy(() -> codec.read("OrderPlaced", bytes("{not json")))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("unreadable OrderPlaced");
    assertThatThrownBy(() ->
            codec.read(
                OrderPlaced.class,
                bytes(
                    "{\"orderId\":\""
                        + SampleEvents.ORDER
                        + "\",\"items\":[{\"quantity\":\"two\"}]}")))
        .isInstanceOf(MalformedEventException.class);
    assertThatThrownBy(() -> codec.read("OrderPlaced", bytes("{\"orderId\":\"not-a-uuid\"}")))
        .isInstanceOf(MalformedEventException.class);
  }

  @Test
  void anEventWithoutAnOrderIsMalformed() {
    assertThatThrownBy(() -> codec.read("StockReleased", bytes("{\"reason\":\"EXPIRED\"}")))
        .isInstanceOf(MalformedEventException.class)
        .hasMessageContaining("without an order id");
    assertThatThrownBy(() -> codec.read("StockReleased", bytes("null")))
        .isInstanceOf(MalformedEventException.class);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
