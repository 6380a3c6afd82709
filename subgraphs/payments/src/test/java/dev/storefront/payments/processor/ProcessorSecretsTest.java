package dev.storefront.payments.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.service.profile.DeploymentProfile;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Payments' start-up with the processor secrets that ship in the repository. */
class ProcessorSecretsTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(ProcessorSettings.class)
  static class Secrets {
    @Bean
    DeploymentProfile deploymentProfile(Environment environment) {
      return DeploymentProfile.of(environment);
    }
  }

  final ApplicationContextRunner payments =
      new ApplicationContextRunner()
          .withUserConfiguration(Secrets.class, ProcessorSecrets.class)
          .withPropertyValues(
              DeploymentProfile.PROPERTY + "=production",
              "payments.processor.api-key=" + ProcessorSecrets.DEVELOPMENT_API_KEY,
              "payments.processor.webhook-secret=" + ProcessorSecrets.DEVELOPMENT_WEBHOOK_SECRET);

  /** The start-up fails, naming the variable that must hold a secret of its own. */
  static ContextConsumer<AssertableApplicationContext> failsNaming(String variable) {
    return context ->
        assertThat(context).hasFailed().getFailure().rootCause().hasMessageContaining(variable);
  }

  @Test
  void productionRefusesTheRepositorysApiKey() {
    payments
        .withPropertyValues("payments.processor.webhook-secret=whsec_from_the_vault")
        .run(failsNaming("STOREFRONT_CARD_PROCESSOR_API_KEY"));
  }

  @Test
  void productionRefusesTheRepositorysWebhookSecretOrNone() {
    payments
        .withPropertyValues("payments.processor.api-key=sk_live_from_the_vault")
        .run(failsNaming("STOREFRONT_CARD_PROCESSOR_WEBHOOK_SECRET"));
    payments
        .withPropertyValues(
            "payments.processor.api-key=sk_live_from_the_vault",
            "payments.processor.webhook-secret=")
        .run(failsNaming("STOREFRONT_CARD_PROCESSOR_WEBHOOK_SECRET"));
  }

  @Test
  void productionStartsWithSecretsOfItsOwn() {
    payments
        .withPropertyValues(
            "payments.processor.api-key=sk_live_from_the_vault",
            "payments.processor.webhook-secret=whsec_from_the_vault")
        .run(context -> assertThat(context).hasNotFailed());
  }

  @Test
  void developmentStartsWithTheRepositorysSecrets() {
    payments
        .withPropertyValues(DeploymentProfile.PROPERTY + "=development")
        .run(context -> assertThat(context).hasNotFailed());
  }
}
