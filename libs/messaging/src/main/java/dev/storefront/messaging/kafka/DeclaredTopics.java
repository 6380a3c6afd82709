package dev.storefront.messaging.kafka;

import dev.storefront.events.EventCatalog;
import dev.storefront.events.EventTopics;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The topics a service needs: those it produces to, those it consumes from and its group's
 * dead-letter topic. Every service declares them all, so whichever starts first creates them;
 * creating a topic that exists leaves it as it is.
 */
public record DeclaredTopics(List<NewTopic> topics) {

  /**
   * @param consumed the topics of the types this service handles (none when it consumes nothing)
   */
  public static DeclaredTopics of(
      EventTopics names,
      String service,
      boolean relays,
      Set<String> consumed,
      int partitions,
      short replicationFactor) {
    Set<String> declared = new TreeSet<>();
    if (relays) {
      EventCatalog.all().stream()
          .filter(contract -> contract.producer().equals(service))
          .forEach(contract -> declared.add(names.eventsOf(contract)));
    }
    if (!consumed.isEmpty()) {
      declared.addAll(consumed);
      declared.add(names.deadLetterOf(service));
    }
    return new DeclaredTopics(
        declared.stream()
            .map(name ->
                TopicBuilder.name(name).partitions(partitions).replicas(replicationFactor).build())
            .toList());
  }

  public List<String> names() {
    return topics.stream().map(NewTopic::name).toList();
  }
}
