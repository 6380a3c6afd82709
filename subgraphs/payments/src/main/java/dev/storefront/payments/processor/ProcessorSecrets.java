package dev.storefront.payments.processor;

import dev.storefront.service.profile.DeploymentProfile;
import org.springframework.context.annotation.Configuration;

/**
 * The processor API key and webhook secret in application.yml match the sandbox and are public:
 * anyone with the repository could sign webhooks. The production profile refuses to start with
 * them.
 */
@Configuration(proxyBeanMethods = false)
public class ProcessorSecrets {

  public static final String DEVELOPMENT_API_KEY = "sk_test_storefront";
  public static final String DEVELOPMENT_WEBHOOK_SECRET = "whsec_storefront_dev";

  public ProcessorSecrets(DeploymentProfile profile, ProcessorSettings settings) {
    profile.requireSecret(
        "STOREFRONT_CARD_PROCESSOR_API_KEY", settings.apiKey(), DEVELOPMENT_API_KEY);
    profile.requireSecret(
        "STOREFRONT_CARD_PROCESSOR_WEBHOOK_SECRET",
        settings.webhookSecret(),
        DEVELOPMENT_WEBHOOK_SECRET);
  }
}
