package dev.storefront.eventtools;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The command line: a command, then flags ({@code --flag value} or {@code --flag=value}). Bootstrap
 * servers and namespace default to the services' own settings, {@code
 * STOREFRONT_KAFKA_BOOTSTRAP_SERVERS} and {@code STOREFRONT_MESSAGING_NAMESPACE}.
 */
record Options(
    Command command,
    String bootstrapServers,
    String namespace,
    Optional<String> group,
    Optional<String> eventId,
    boolean all,
    boolean dryRun,
    boolean json) {

  static final String DEFAULT_BOOTSTRAP_SERVERS = "127.0.0.1:9092";
  static final String DEFAULT_NAMESPACE = "storefront";
  static final String BOOTSTRAP_ENV = "STOREFRONT_KAFKA_BOOTSTRAP_SERVERS";
  static final String NAMESPACE_ENV = "STOREFRONT_MESSAGING_NAMESPACE";

  /** Characters Kafka allows in topic names (group and namespace become parts of one). */
  private static final Pattern TOPIC_PART = Pattern.compile("[A-Za-z0-9._-]+");

  static final String USAGE =
      """
      usage: event-tools COMMAND [flags]

        dead-letters   list the dead letters not yet replayed, of every consumer group or one
        replay         re-send the dead letters not yet replayed to their original topics

      flags:
        --group G                only group G's dead letters (topic <namespace>.dead-letter.G)
        --all                    dead-letters: also those already replayed
        --event-id ID            only the dead letter(s) of this event
        --dry-run                replay: show what would be re-sent, send nothing
        --json                   one JSON object per line instead of a table
        --bootstrap-servers S    Kafka (default: $STOREFRONT_KAFKA_BOOTSTRAP_SERVERS or 127.0.0.1:9092)
        --namespace N            topic prefix (default: $STOREFRONT_MESSAGING_NAMESPACE or storefront)

      Replay re-sends a dead letter's key, value and event-* headers to its original topic
      (kafka_dlt-original-topic) and then moves the position of the consumer group
      <namespace>.dead-letter-replayer past it; consumers de-duplicate by event id, so groups
      that already handled the event skip it. With --event-id the position moves only when no
      earlier dead letter of that partition is still waiting (until then the re-sent one is
      listed, and re-sent by the next replay, harmlessly).

      exit status: 0 done, 1 failed (unknown group, nothing to replay for --event-id, a re-send
      failed), 2 the broker does not answer, 64 bad command line.
      """;

  enum Command {
    DEAD_LETTERS("dead-letters"),
    REPLAY("replay"),
    HELP("help");

    private final String word;

    Command(String word) {
      this.word = word;
    }

    String word() {
      return word;
    }

    static Optional<Command> of(String word) {
      for (Command command : values()) {
        if (command.word.equals(word)) {
          return Optional.of(command);
        }
      }
      return Optional.empty();
    }
  }

  static Options parse(List<String> args, Map<String, String> env) throws UsageException {
    if (args.isEmpty()) {
      throw new UsageException("a command is needed: dead-letters or replay");
    }
    String first = args.getFirst();
    if (first.equals("--help") || first.equals("-h")) {
      return help(env);
    }
    Command command =
        Command.of(first).orElseThrow(() -> new UsageException("unknown command '" + first + "'"));
    String bootstrapServers = null;
    String namespace = null;
    String group = null;
    String eventId = null;
    boolean all = false;
    boolean dryRun = false;
    boolean json = false;
    for (int i = 1; i < args.size(); i++) {
      String arg = args.get(i);
      String name = arg;
      String inline = null;
      int equals = arg.indexOf('=');
      if (arg.startsWith("--") && equals > 0) {
        name = arg.substring(0, equals);
        inline = arg.substring(equals + 1);
      }
      switch (name) {
        case "--help", "-h" -> {
          return help(env);
        }
        case "--all" -> all = flag(name, inline, all);
        case "--dry-run" -> dryRun = flag(name, inline, dryRun);
        case "--json" -> json = flag(name, inline, json);
        case "--group", "--event-id", "--bootstrap-servers", "--namespace" -> {
          String value = inline;
          if (value == null) {
            if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) {
              throw new UsageException(name + " needs a value");
            }
            value = args.get(++i);
          }
          if (value.isBlank()) {
            throw new UsageException(name + " needs a value");
          }
          switch (name) {
            case "--group" -> group = once(name, group, topicPart(name, value));
            case "--event-id" -> eventId = once(name, eventId, value);
            case "--bootstrap-servers" -> bootstrapServers = once(name, bootstrapServers, value);
            default -> namespace = once(name, namespace, topicPart(name, value));
          }
        }
        default ->
            throw new UsageException(
                arg.startsWith("-") ? "unknown flag " + name : "unexpected argument '" + arg + "'");
      }
    }
    if (command == Command.HELP) {
      return help(env);
    }
    if (all && command != Command.DEAD_LETTERS) {
      throw new UsageException(
          "--all is for dead-letters (replay re-sends only those not yet replayed)");
    }
    if (dryRun && command != Command.REPLAY) {
      throw new UsageException("--dry-run is for replay");
    }
    return new Options(
        command,
        bootstrapServers != null
            ? bootstrapServers
            : envOr(env, BOOTSTRAP_ENV, DEFAULT_BOOTSTRAP_SERVERS),
        namespace != null
            ? namespace
            : topicPart(NAMESPACE_ENV, envOr(env, NAMESPACE_ENV, DEFAULT_NAMESPACE)),
        Optional.ofNullable(group),
        Optional.ofNullable(eventId),
        all,
        dryRun,
        json);
  }

  Topics topics() {
    return new Topics(namespace);
  }

  private static Options help(Map<String, String> env) {
    return new Options(
        Command.HELP,
        envOr(env, BOOTSTRAP_ENV, DEFAULT_BOOTSTRAP_SERVERS),
        envOr(env, NAMESPACE_ENV, DEFAULT_NAMESPACE),
        Optional.empty(),
        Optional.empty(),
        false,
        false,
        false);
  }

  private static boolean flag(String name, String inline, boolean previous) throws UsageException {
    if (inline != null) {
      throw new UsageException(name + " takes no value");
    }
    if (previous) {
      throw new UsageException(name + " given twice");
    }
    return true;
  }

  private static String once(String name, String previous, String value) throws UsageException {
    if (previous != null) {
      throw new UsageException(name + " given twice");
    }
    return value;
  }

  private static String topicPart(String name, String value) throws UsageException {
    if (!TOPIC_PART.matcher(value).matches()) {
      throw new UsageException(
          name + " '" + value + "' may contain only letters, digits, '.', '_' and '-'");
    }
    return value;
  }

  private static String envOr(Map<String, String> env, String name, String fallback) {
    String value = env.get(name);
    return value == null || value.isBlank() ? fallback : value.strip();
  }
}
