package dev.storefront.eventtools;

import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * The dead letters read from one partition of a dead-letter topic.
 *
 * @param group the consumer group the topic is for
 * @param from the offset reading began at: the replayer's position, or the beginning ({@code
 *     --all})
 * @param end the end of what was read (the partition's end offset when reading began)
 * @param replayed the replayer's position: letters before it have been replayed
 * @param letters the dead letters in {@code [from, end)}, in offset order
 */
record PartitionLetters(
    String group,
    TopicPartition partition,
    long from,
    long end,
    long replayed,
    List<DeadLetter> letters) {

  boolean isReplayed(DeadLetter letter) {
    return letter.offset() < replayed;
  }
}
