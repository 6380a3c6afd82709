package dev.storefront.messaging.testing;

import dev.storefront.events.EventCodec;
import dev.storefront.events.EventTopics;
import dev.storefront.messaging.config.MessagingAutoConfiguration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;

/** On the test classpath of services that use messaging's test-jar: a {@link TestEventBus}. */
@AutoConfiguration(after = MessagingAutoConfiguration.class)
@ConditionalOnBean(EventTopics.class)
public class TestEventBusAutoConfiguration {

  @Bean(destroyMethod = "close")
  TestEventBus testEventBus(
      KafkaProperties kafka,
      EventTopics topics,
      EventCodec codec,
      @Value("${spring.application.name}") String service) {
    return new TestEventBus(
        kafka.buildProducerProperties(), kafka.buildConsumerProperties(), topics, codec, service);
  }
}
