package dev.storefront.eventtools;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;

/**
 * Re-sends dead letters to their original topics, then moves the replayer's position in each
 * dead-letter partition past the letters that are replayed.
 *
 * <p>The position only moves over a leading run of replayed letters: a letter that was skipped
 * (another event's, with {@code --event-id}) or failed keeps it where it is, and so do the letters
 * after it, even the re-sent ones. Those are listed and re-sent again by the next replay, which is
 * harmless: consumers de-duplicate by event id.
 */
final class Replay {

  enum Outcome {
    /** Re-sent and acknowledged by the broker. */
    RESENT,
    /** {@code --dry-run}: would have been re-sent. */
    WOULD_RESEND,
    /** Same event to the same topic as a letter re-sent just before in this run: not sent twice. */
    DUPLICATE,
    /** Not re-sent: no original topic, or the broker did not acknowledge it. */
    FAILED
  }

  /** What happened to one letter. */
  record Step(
      DeadLetter letter,
      Outcome outcome,
      String target,
      Integer targetPartition,
      Long targetOffset,
      String reason) {

    String json() {
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put(
          "action",
          switch (outcome) {
            case RESENT -> "re-sent";
            case WOULD_RESEND -> "would-re-send";
            case DUPLICATE -> "duplicate";
            case FAILED -> "failed";
          });
      fields.put("target", target);
      fields.put("targetPartition", targetPartition);
      fields.put("targetOffset", targetOffset);
      fields.put("reason", reason);
      fields.putAll(Format.fields(letter));
      return Json.write(fields);
    }

    String line() {
      String brief = Format.brief(letter);
      return switch (outcome) {
        case RESENT ->
            "re-sent " + brief + " to " + target + "-" + targetPartition + "@" + targetOffset;
        case WOULD_RESEND -> "would re-send " + brief + " to " + target;
        case DUPLICATE -> "skipped " + brief + ": " + reason;
        case FAILED -> "could not re-send " + brief + ": " + reason;
      };
    }
  }

  /** The outcome of one replay: its steps in order and the replayer's new positions. */
  record Result(List<Step> steps, Map<TopicPartition, Long> positions) {
    long count(Outcome outcome) {
      return steps.stream().filter(step -> step.outcome() == outcome).count();
    }
  }

  private Replay() {}

  static boolean selected(DeadLetter letter, Optional<String> eventId) {
    return eventId.isEmpty() || eventId.get().equals(letter.eventId());
  }

  /**
   * The replayer's new position in one partition: past the leading run of letters that are done,
   * its end when all are (transaction markers take offsets too); empty when it does not move.
   */
  static OptionalLong newPosition(PartitionLetters partition, Predicate<DeadLetter> done) {
    long position = partition.from();
    for (DeadLetter letter : partition.letters()) {
      if (!done.test(letter)) {
        return position > partition.replayed() ? OptionalLong.of(position) : OptionalLong.empty();
      }
      position = letter.offset() + 1;
    }
    position = partition.end();
    return position > partition.replayed() ? OptionalLong.of(position) : OptionalLong.empty();
  }

  /** Re-sends the selected letters (none with {@code dryRun}) and commits the new positions. */
  static Result run(
      DeadLetterTopics kafka,
      List<PartitionLetters> partitions,
      Optional<String> eventId,
      boolean dryRun) {
    Map<DeadLetter, Step> steps = new LinkedHashMap<>();
    Map<DeadLetter, Future<RecordMetadata>> sent = new LinkedHashMap<>();
    Map<String, DeadLetter> firstOfEvent = new HashMap<>();
    Map<DeadLetter, DeadLetter> duplicates = new HashMap<>();
    for (PartitionLetters partition : partitions) {
      for (DeadLetter letter : partition.letters()) {
        if (!selected(letter, eventId)) {
          continue;
        }
        if (letter.originalTopic() == null) {
          steps.put(
              letter,
              failed(
                  letter, "no " + DeadLetterHeaders.ORIGINAL_TOPIC + " header: replay it by hand"));
          continue;
        }
        if (letter.eventId() != null) {
          DeadLetter first =
              firstOfEvent.putIfAbsent(letter.originalTopic() + "\n" + letter.eventId(), letter);
          if (first != null) {
            duplicates.put(letter, first);
            steps.put(letter, null);
            continue;
          }
        }
        if (dryRun) {
          steps.put(
              letter,
              new Step(letter, Outcome.WOULD_RESEND, letter.originalTopic(), null, null, null));
          continue;
        }
        try {
          sent.put(letter, kafka.resend(letter));
          steps.put(letter, null);
        } catch (KafkaException refused) {
          steps.put(letter, failed(letter, ToolException.oneLine(refused)));
        }
      }
    }
    sent.forEach((letter, future) -> {
      try {
        RecordMetadata metadata = kafka.acknowledged(future);
        steps.put(
            letter,
            new Step(
                letter,
                Outcome.RESENT,
                metadata.topic(),
                metadata.partition(),
                metadata.offset(),
                null));
      } catch (ExecutionException notAcknowledged) {
        steps.put(letter, failed(letter, ToolException.oneLine(notAcknowledged.getCause())));
      }
    });
    duplicates.forEach((letter, first) -> {
      Step firstStep = steps.get(first);
      steps.put(
          letter,
          firstStep.outcome() == Outcome.FAILED
              ? failed(
                  letter,
                  "its event's first dead letter ("
                      + first.group()
                      + " "
                      + first.position()
                      + ") could not be re-sent")
              : new Step(
                  letter,
                  Outcome.DUPLICATE,
                  letter.originalTopic(),
                  null,
                  null,
                  "the same event to the same topic as " + first.group() + " " + first.position()));
    });

    Map<TopicPartition, Long> positions = new LinkedHashMap<>();
    if (!dryRun) {
      Predicate<DeadLetter> done =
          letter -> {
            Step step = steps.get(letter);
            return step != null
                && (step.outcome() == Outcome.RESENT || step.outcome() == Outcome.DUPLICATE);
          };
      for (PartitionLetters partition : partitions) {
        newPosition(partition, done)
            .ifPresent(position -> positions.put(partition.partition(), position));
      }
      kafka.commit(positions);
    }
    return new Result(new ArrayList<>(steps.values()), positions);
  }

  private static Step failed(DeadLetter letter, String reason) {
    return new Step(letter, Outcome.FAILED, letter.originalTopic(), null, null, reason);
  }

  /** Prints the report: a line (or JSON object) per letter, then what moved. */
  static void report(
      Result result,
      List<PartitionLetters> partitions,
      Options options,
      PrintStream out,
      PrintStream err) {
    for (Step step : result.steps()) {
      if (options.json()) {
        out.println(step.json());
      } else if (step.outcome() == Outcome.FAILED) {
        err.println(step.line());
      } else {
        out.println(step.line());
      }
    }
    PrintStream summary = options.json() ? err : out;
    long resent = result.count(Outcome.RESENT);
    long failed = result.count(Outcome.FAILED);
    if (options.dryRun()) {
      summary.println(
          "dry run: would re-send "
              + result.count(Outcome.WOULD_RESEND)
              + " dead letter(s); nothing sent, nothing committed");
      return;
    }
    summary.println(
        "re-sent "
            + resent
            + " dead letter(s)"
            + (result.count(Outcome.DUPLICATE) > 0
                ? ", " + result.count(Outcome.DUPLICATE) + " duplicate(s) skipped"
                : "")
            + (failed > 0 ? ", " + failed + " failed" : ""));
    result
        .positions()
        .forEach((partition, position) ->
            summary.println(
                "  replayer position "
                    + partition.topic()
                    + "-"
                    + partition.partition()
                    + " -> "
                    + position));
    for (PartitionLetters partition : partitions) {
      long position = result.positions().getOrDefault(partition.partition(), partition.replayed());
      boolean leftBehind =
          result.steps().stream()
              .anyMatch(step ->
                  step.outcome() == Outcome.RESENT
                      && step.letter().topicPartition().equals(partition.partition())
                      && step.letter().offset() >= position);
      if (leftBehind) {
        summary.println(
            "  replayer position "
                + partition.partition().topic()
                + "-"
                + partition.partition().partition()
                + " stays at "
                + position
                + ": an earlier dead letter there is not replayed yet, so what was re-sent after it"
                + " stays listed (replaying it again is harmless)");
      }
    }
  }
}
