package dev.storefront.eventtools;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplayTest {

  private final DeadLetter first = Letters.letter(2, 17, "e-1", "1");
  private final DeadLetter second = Letters.letter(2, 18, "e-2", "2");
  private final DeadLetter third = Letters.letter(2, 21, "e-3", "3");
  // Offsets 19 and 20: a transaction's marker and an aborted record; 22: another marker.
  private final PartitionLetters partition = Letters.partition(2, 17, 23, first, second, third);

  @Test
  void allReplayedMovesThePositionToTheEnd() {
    assertThat(Replay.newPosition(partition, letter -> true)).hasValue(23);
  }

  @Test
  void movesPastTheLeadingReplayedLettersOnly() {
    assertThat(Replay.newPosition(partition, Set.of(first)::contains)).hasValue(18);
    assertThat(Replay.newPosition(partition, Set.of(first, second)::contains)).hasValue(19);
  }

  @Test
  void aLetterLeftBehindKeepsThePosition() {
    // --event-id e-2: the first letter waits, so the re-sent second stays listed.
    assertThat(Replay.newPosition(partition, Set.of(second)::contains)).isEmpty();
    assertThat(Replay.newPosition(partition, letter -> false)).isEmpty();
  }

  @Test
  void anEmptyPartitionMovesOnlyOverWhatItHolds() {
    assertThat(Replay.newPosition(Letters.partition(0, 5, 5), letter -> true)).isEmpty();
    assertThat(Replay.newPosition(Letters.partition(0, 5, 7), letter -> true)).hasValue(7);
  }

  @Test
  void selectsByEventId() {
    assertThat(Replay.selected(first, Optional.empty())).isTrue();
    assertThat(Replay.selected(first, Optional.of("e-1"))).isTrue();
    assertThat(Replay.selected(first, Optional.of("e-2"))).isFalse();
  }
}
