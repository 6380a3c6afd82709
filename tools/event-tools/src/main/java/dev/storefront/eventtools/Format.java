package dev.storefront.eventtools;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/** How dead letters are shown: a table for people, JSON lines for scripts. */
final class Format {

  /** Longest failure message in the table (JSON carries it whole). */
  static final int MAX_FAILURE = 160;

  private Format() {}

  /** The listing table; with {@code all} a column says whether each letter was replayed. */
  static List<String> table(List<PartitionLetters> partitions, boolean all) {
    Table table =
        all
            ? new Table(
                "GROUP",
                "DLT",
                "DEAD-LETTERED",
                "EVENT TYPE",
                "EVENT ID",
                "ORDER ID",
                "ORIGINAL",
                "REPLAYED",
                "FAILURE")
            : new Table(
                "GROUP",
                "DLT",
                "DEAD-LETTERED",
                "EVENT TYPE",
                "EVENT ID",
                "ORDER ID",
                "ORIGINAL",
                "FAILURE");
    for (PartitionLetters partition : partitions) {
      for (DeadLetter letter : partition.letters()) {
        String failure = Table.truncate(Table.oneLine(letter.failure()), MAX_FAILURE);
        if (all) {
          table.row(
              letter.group(),
              letter.position(),
              time(letter.deadLetteredAt()),
              letter.eventType(),
              letter.eventId(),
              letter.key(),
              letter.original(),
              partition.isReplayed(letter) ? "yes" : "no",
              failure);
        } else {
          table.row(
              letter.group(),
              letter.position(),
              time(letter.deadLetteredAt()),
              letter.eventType(),
              letter.eventId(),
              letter.key(),
              letter.original(),
              failure);
        }
      }
    }
    return table.lines();
  }

  /** "3 dead letters not yet replayed (inventory 2, orders 1)" and the like. */
  static String count(List<PartitionLetters> partitions, boolean all) {
    Map<String, Integer> perGroup = new TreeMap<>();
    int total = 0;
    for (PartitionLetters partition : partitions) {
      perGroup.merge(partition.group(), partition.letters().size(), Integer::sum);
      total += partition.letters().size();
    }
    if (total == 0) {
      return all
          ? "no dead letters"
          : "no dead letters (not yet replayed; --all lists replayed ones too)";
    }
    StringBuilder groups = new StringBuilder();
    perGroup.forEach((group, count) -> {
      if (count > 0) {
        groups.append(groups.isEmpty() ? "" : ", ").append(group).append(' ').append(count);
      }
    });
    return total
        + (total == 1 ? " dead letter" : " dead letters")
        + (all ? "" : " not yet replayed")
        + " ("
        + groups
        + ")";
  }

  /** One dead letter as a JSON object (one line). */
  static String json(DeadLetter letter, Boolean replayed) {
    Map<String, Object> fields = fields(letter);
    if (replayed != null) {
      fields.put("replayed", replayed);
    }
    return Json.write(fields);
  }

  static Map<String, Object> fields(DeadLetter letter) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("group", letter.group());
    fields.put("topic", letter.topic());
    fields.put("partition", letter.partition());
    fields.put("offset", letter.offset());
    fields.put(
        "deadLetteredAt",
        letter.deadLetteredAt() == null ? null : letter.deadLetteredAt().toString());
    fields.put("eventType", letter.eventType());
    fields.put("eventId", letter.eventId());
    fields.put("eventVersion", letter.eventVersion());
    fields.put("occurredAt", letter.occurredAt());
    fields.put("orderId", letter.key());
    fields.put("originalTopic", letter.originalTopic());
    fields.put("originalPartition", letter.originalPartition());
    fields.put("originalOffset", letter.originalOffset());
    fields.put("originalConsumerGroup", letter.originalConsumerGroup());
    fields.put("exceptionClass", letter.exceptionClass());
    fields.put("exceptionCauseClass", letter.exceptionCauseClass());
    fields.put("exceptionMessage", letter.exceptionMessage());
    fields.put("value", value(letter.value()));
    return fields;
  }

  /** The event itself: as JSON when it is JSON, else as text. */
  private static Object value(byte[] bytes) {
    if (bytes == null) {
      return null;
    }
    return Json.tree(bytes)
        .<Object>map(JsonNode.class::cast)
        .orElseGet(() -> new String(bytes, StandardCharsets.UTF_8));
  }

  /** A timestamp to the second, in UTC: 2026-12-01T19:07:43Z. */
  static String time(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** A letter in one line for the replay report: group, place, event, order. */
  static String brief(DeadLetter letter) {
    return letter.group()
        + " "
        + letter.position()
        + " "
        + (letter.eventType() == null ? "?" : letter.eventType())
        + " "
        + (letter.eventId() == null ? "(no event id)" : letter.eventId())
        + (letter.key() == null ? "" : " (order " + letter.key() + ")");
  }
}
