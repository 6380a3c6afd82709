package dev.storefront.messaging.config;

import dev.storefront.telemetry.ClasspathYamlDefaults;

/**
 * The Kafka client defaults of every service that uses messaging
 * (storefront/messaging-defaults.yml), beside service-support's.
 */
public class MessagingDefaultsEnvironmentPostProcessor extends ClasspathYamlDefaults {

  static final String RESOURCE = "storefront/messaging-defaults.yml";

  public MessagingDefaultsEnvironmentPostProcessor() {
    super("storefront-messaging-defaults", RESOURCE);
  }
}
