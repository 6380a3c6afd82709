package dev.storefront.eventtools;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.KafkaException;

/**
 * {@code ./platform events ...}: the services' dead letters in Kafka. {@code dead-letters} lists
 * them, {@code replay} re-sends them to their original topics. See {@link Options#USAGE}.
 */
public final class EventTools {

  static final int USAGE_ERROR = 64;

  private EventTools() {}

  public static void main(String[] args) {
    int status = run(Arrays.asList(args), System.getenv(), System.out, System.err);
    System.out.flush();
    // Exit at once: no client thread may keep the JVM waiting.
    System.exit(status);
  }

  static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    Options options;
    try {
      options = Options.parse(args, env);
    } catch (UsageException bad) {
      err.println("event-tools: " + bad.getMessage());
      err.println();
      err.print(Options.USAGE);
      return USAGE_ERROR;
    }
    if (options.command() == Options.Command.HELP) {
      out.print(Options.USAGE);
      return 0;
    }
    try (DeadLetterTopics kafka = new DeadLetterTopics(options)) {
      return switch (options.command()) {
        case DEAD_LETTERS -> deadLetters(kafka, options, out, err);
        case REPLAY -> replay(kafka, options, out, err);
        case HELP -> 0;
      };
    } catch (ToolException failed) {
      err.println("event-tools: " + failed.getMessage());
      return failed.exitCode();
    } catch (org.apache.kafka.common.errors.TimeoutException slow) {
      err.println(
          "event-tools: "
              + ToolException.unreachable(options.bootstrapServers(), slow).getMessage());
      return ToolException.BROKER_UNREACHABLE;
    } catch (KafkaException failed) {
      err.println("event-tools: Kafka: " + ToolException.oneLine(failed));
      return ToolException.FAILED;
    }
  }

  private static int deadLetters(
      DeadLetterTopics kafka, Options options, PrintStream out, PrintStream err) {
    List<PartitionLetters> partitions = read(kafka, options, options.all());
    if (options.eventId().isPresent()) {
      partitions = partitions.stream().map(partition -> only(partition, options)).toList();
    }
    if (options.json()) {
      for (PartitionLetters partition : partitions) {
        for (DeadLetter letter : partition.letters()) {
          out.println(Format.json(letter, options.all() ? partition.isReplayed(letter) : null));
        }
      }
      err.println(Format.count(partitions, options.all()));
      return 0;
    }
    boolean any = partitions.stream().anyMatch(partition -> !partition.letters().isEmpty());
    if (any) {
      Format.table(partitions, options.all()).forEach(out::println);
    }
    out.println(Format.count(partitions, options.all()));
    return 0;
  }

  private static int replay(
      DeadLetterTopics kafka, Options options, PrintStream out, PrintStream err) {
    List<PartitionLetters> partitions = read(kafka, options, false);
    boolean any =
        partitions.stream()
            .flatMap(partition -> partition.letters().stream())
            .anyMatch(letter -> Replay.selected(letter, options.eventId()));
    if (!any) {
      if (options.eventId().isPresent()) {
        err.println(
            "event-tools: no dead letter of event "
                + options.eventId().get()
                + options.group().map(group -> " in group " + group).orElse("")
                + " waits for replay (dead-letters --all --event-id "
                + options.eventId().get()
                + " shows the replayed ones)");
        return ToolException.FAILED;
      }
      (options.json() ? err : out).println("no dead letters to replay");
      return 0;
    }
    Replay.Result result = Replay.run(kafka, partitions, options.eventId(), options.dryRun());
    Replay.report(result, partitions, options, out, err);
    return result.count(Replay.Outcome.FAILED) > 0 ? ToolException.FAILED : 0;
  }

  /** The partitions of the selected group's topic, or of every group's. */
  private static List<PartitionLetters> read(DeadLetterTopics kafka, Options options, boolean all) {
    List<String> groups = kafka.groups();
    if (options.group().isPresent()) {
      String group = options.group().get();
      if (!groups.contains(group)) {
        throw new ToolException(
            ToolException.FAILED,
            "unknown group '"
                + group
                + "': there is no topic "
                + options.topics().deadLetterTopic(group)
                + (groups.isEmpty()
                    ? " (no group has a dead-letter topic in namespace " + options.namespace() + ")"
                    : " (groups with one: " + String.join(", ", groups) + ")"));
      }
      groups = List.of(group);
    }
    return kafka.read(groups, all);
  }

  private static PartitionLetters only(PartitionLetters partition, Options options) {
    return new PartitionLetters(
        partition.group(),
        partition.partition(),
        partition.from(),
        partition.end(),
        partition.replayed(),
        partition.letters().stream()
            .filter(letter -> Replay.selected(letter, options.eventId()))
            .toList());
  }
}
