package dev.storefront.eventtools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {

  private static Options parse(String... args) throws UsageException {
    return Options.parse(List.of(args), Map.of());
  }

  @Test
  void defaultsAreTheServicesOwn() throws UsageException {
    Options options = parse("dead-letters");

    assertThat(options.command()).isEqualTo(Options.Command.DEAD_LETTERS);
    assertThat(options.bootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThat(options.namespace()).isEqualTo("storefront");
    assertThat(options.group()).isEmpty();
    assertThat(options.eventId()).isEmpty();
    assertThat(options.all()).isFalse();
    assertThat(options.json()).isFalse();
    assertThat(options.topics().replayerGroup()).isEqualTo("storefront.dead-letter-replayer");
  }

  @Test
  void environmentSetsBootstrapServersAndNamespace() throws UsageException {
    Options options =
        Options.parse(
            List.of("replay"),
            Map.of(
                "STOREFRONT_KAFKA_BOOTSTRAP_SERVERS", "10.0.0.5:9092,10.0.0.6:9092",
                "STOREFRONT_MESSAGING_NAMESPACE", "staging"));

    assertThat(options.bootstrapServers()).isEqualTo("10.0.0.5:9092,10.0.0.6:9092");
    assertThat(options.namespace()).isEqualTo("staging");
  }

  @Test
  void flagsWinOverTheEnvironment() throws UsageException {
    Options options =
        Options.parse(
            List.of("replay", "--bootstrap-servers", "127.0.0.1:19092", "--namespace=it1"),
            Map.of("STOREFRONT_KAFKA_BOOTSTRAP_SERVERS", "10.0.0.5:9092"));

    assertThat(options.bootstrapServers()).isEqualTo("127.0.0.1:19092");
    assertThat(options.namespace()).isEqualTo("it1");
  }

  @Test
  void readsEveryFlagInBothForms() throws UsageException {
    Options listing =
        parse("dead-letters", "--group", "inventory", "--all", "--json", "--event-id=e-1");
    Options replay = parse("replay", "--group=payments", "--event-id", "e-2", "--dry-run");

    assertThat(listing.group()).contains("inventory");
    assertThat(listing.all()).isTrue();
    assertThat(listing.json()).isTrue();
    assertThat(listing.eventId()).contains("e-1");
    assertThat(replay.command()).isEqualTo(Options.Command.REPLAY);
    assertThat(replay.group()).contains("payments");
    assertThat(replay.eventId()).contains("e-2");
    assertThat(replay.dryRun()).isTrue();
  }

  @Test
  void helpIsACommandAndAFlag() throws UsageException {
    assertThat(parse("help").command()).isEqualTo(Options.Command.HELP);
    assertThat(parse("--help").command()).isEqualTo(Options.Command.HELP);
    assertThat(parse("replay", "-h").command()).isEqualTo(Options.Command.HELP);
  }

  @Test
  void refusesBadCommandLines() {
    assertThatThrownBy(() -> parse()).hasMessageContaining("a command is needed");
    assertThatThrownBy(() -> parse("list")).hasMessageContaining("unknown command 'list'");
    assertThatThrownBy(() -> parse("dead-letters", "--verbose"))
        .hasMessageContaining("unknown flag --verbose");
    assertThatThrownBy(() -> parse("dead-letters", "inventory"))
        .hasMessageContaining("unexpected argument 'inventory'");
    assertThatThrownBy(() -> parse("dead-letters", "--group"))
        .hasMessageContaining("--group needs a value");
    assertThatThrownBy(() -> parse("dead-letters", "--group", "--all"))
        .hasMessageContaining("--group needs a value");
    assertThatThrownBy(() -> parse("dead-letters", "--group="))
        .hasMessageContaining("--group needs a value");
    assertThatThrownBy(() -> parse("dead-letters", "--group", "a", "--group", "b"))
        .hasMessageContaining("given twice");
    assertThatThrownBy(() -> parse("dead-letters", "--json", "--json"))
        .hasMessageContaining("--json given twice");
    assertThatThrownBy(() -> parse("dead-letters", "--json=yes"))
        .hasMessageContaining("takes no value");
    assertThatThrownBy(() -> parse("dead-letters", "--group", "in/ventory"))
        .hasMessageContaining("may contain only");
    assertThatThrownBy(() -> parse("replay", "--all"))
        .hasMessageContaining("--all is for dead-letters");
    assertThatThrownBy(() -> parse("dead-letters", "--dry-run"))
        .hasMessageContaining("--dry-run is for replay");
  }
}
