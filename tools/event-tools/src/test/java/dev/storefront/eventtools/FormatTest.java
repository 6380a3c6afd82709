package dev.storefront.eventtools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class FormatTest {

  @Test
  void tableAlignsColumnsAndKeepsEachLetterOnOneLine() {
    List<PartitionLetters> partitions =
        List.of(
            Letters.partition(
                2,
                17,
                19,
                Letters.letter(2, 17, "e-1", "1042"),
                Letters.letter(2, 18, "e-22", "7")));

    List<String> lines = Format.table(partitions, false);

    assertThat(lines).hasSize(3);
    assertThat(lines.get(0))
        .startsWith(
            "GROUP      DLT   DEAD-LETTERED         EVENT TYPE   EVENT ID  ORDER ID  ORIGINAL")
        .endsWith("FAILURE");
    assertThat(lines.get(1))
        .startsWith(
            "inventory  2:17  2026-12-01T19:07:44Z  OrderPlaced  e-1       1042      storefront.events.orders-2@41")
        .endsWith("PoisonEventException: Listener failed; unknown product 999 at line 2");
    assertThat(lines.get(2)).contains("e-22      7 ");
    assertThat(lines.get(0).indexOf("FAILURE"))
        .isEqualTo(lines.get(1).indexOf("PoisonEventException"));
  }

  @Test
  void allShowsWhichAreReplayed() {
    PartitionLetters partition =
        new PartitionLetters(
            "inventory",
            new TopicPartition("storefront.dead-letter.inventory", 2),
            17,
            19,
            18,
            List.of(Letters.letter(2, 17, "e-1", "1042"), Letters.letter(2, 18, "e-2", "7")));

    List<String> lines = Format.table(List.of(partition), true);

    assertThat(lines.get(0)).contains("REPLAYED");
    assertThat(lines.get(1)).contains(" yes ");
    assertThat(lines.get(2)).contains(" no ");
  }

  @Test
  void countsPerGroup() {
    PartitionLetters orders =
        new PartitionLetters(
            "orders",
            new TopicPartition("storefront.dead-letter.orders", 0),
            0,
            1,
            0,
            List.of(Letters.letter(0, 0, "e-3", "1")));
    List<PartitionLetters> partitions =
        List.of(
            Letters.partition(0, 0, 0),
            Letters.partition(
                2, 17, 19, Letters.letter(2, 17, "e-1", "1042"), Letters.letter(2, 18, "e-2", "7")),
            orders);

    assertThat(Format.count(partitions, false))
        .isEqualTo("3 dead letters not yet replayed (inventory 2, orders 1)");
    assertThat(Format.count(List.of(orders), true)).isEqualTo("1 dead letter (orders 1)");
    assertThat(Format.count(List.of(Letters.partition(0, 0, 0)), false))
        .startsWith("no dead letters");
    assertThat(Format.count(List.of(), true)).isEqualTo("no dead letters");
  }

  @Test
  void jsonCarriesEveryFieldAndTheEventItself() {
    JsonNode json = Json.MAPPER.readTree(Format.json(Letters.letter(2, 17, "e-1", "1042"), true));

    assertThat(json.get("group").asString()).isEqualTo("inventory");
    assertThat(json.get("topic").asString()).isEqualTo("storefront.dead-letter.inventory");
    assertThat(json.get("partition").asInt()).isEqualTo(2);
    assertThat(json.get("offset").asLong()).isEqualTo(17);
    assertThat(json.get("deadLetteredAt").asString()).isEqualTo("2026-12-01T19:07:44Z");
    assertThat(json.get("eventId").asString()).isEqualTo("e-1");
    assertThat(json.get("orderId").asString()).isEqualTo("1042");
    assertThat(json.get("originalTopic").asString()).isEqualTo("storefront.events.orders");
    assertThat(json.get("originalOffset").asLong()).isEqualTo(41);
    assertThat(json.get("exceptionCauseClass").asString()).endsWith("PoisonEventException");
    assertThat(json.get("exceptionMessage").asString()).contains("\n");
    assertThat(json.get("value").get("aggregateId").asString()).isEqualTo("1042");
    assertThat(json.get("replayed").asBoolean()).isTrue();
  }

  @Test
  void truncatesLongFailures() {
    assertThat(Table.truncate("abcdef", 4)).isEqualTo("abc…");
    assertThat(Table.truncate("abc", 4)).isEqualTo("abc");
    assertThat(Table.oneLine("a\r\n\tb ")).isEqualTo("a b");
  }
}
