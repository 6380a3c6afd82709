package dev.storefront.bff.config;

import dev.storefront.bff.operations.OperationRegistration;
import dev.storefront.bff.operations.PersistedOperations;
import dev.storefront.bff.operations.PersistedOperationsHealthIndicator;
import dev.storefront.bff.problem.BffExceptionHandler;
import dev.storefront.bff.router.RouterClient;
import io.netty.channel.ChannelOption;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.info.BuildProperties;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;

/** What a BFF gets by depending on bff-support. */
@AutoConfiguration(after = WebClientAutoConfiguration.class)
@EnableConfigurationProperties(BffProperties.class)
public class BffSupportAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  PersistedOperations persistedOperations(BffProperties properties, ResourceLoader resources) {
    return PersistedOperations.load(resources.getResource(properties.manifestLocation()));
  }

  @Bean
  @ConditionalOnMissingBean
  RouterClient routerClient(
      ObjectProvider<WebClient.Builder> builders,
      PersistedOperations operations,
      BffProperties properties) {
    HttpClient http =
        HttpClient.create()
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                (int) properties.routerConnectTimeout().toMillis());
    WebClient web =
        builders
            .getIfAvailable(WebClient::builder)
            .clientConnector(new ReactorClientHttpConnector(http))
            .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(8 * 1024 * 1024))
            .build();
    return new RouterClient(web, operations, properties);
  }

  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnBooleanProperty(name = "storefront.bff.registration.enabled", matchIfMissing = true)
  OperationRegistration operationRegistration(
      ObjectProvider<WebClient.Builder> builders,
      PersistedOperations operations,
      BffProperties properties,
      ObjectProvider<BuildProperties> build) {
    String version = clientVersion(properties, build.getIfAvailable());
    if (properties.clientName() == null || properties.clientName().isBlank()) {
      throw new IllegalStateException(
          "Set storefront.bff.client-name: the client the operations are registered as");
    }
    var registration = properties.registration();
    return new OperationRegistration(
        builders.getIfAvailable(WebClient::builder).build(),
        operations,
        properties.registryUrl(),
        properties.clientName(),
        version,
        properties.registryToken(),
        registration.initialBackoff(),
        registration.maxBackoff(),
        registration.rejectedRetry(),
        registration.timeout());
  }

  @Bean
  @ConditionalOnMissingBean
  PersistedOperationsHealthIndicator persistedOperationsHealthIndicator(
      ObjectProvider<OperationRegistration> registration, PersistedOperations operations) {
    return new PersistedOperationsHealthIndicator(registration.getIfAvailable(), operations);
  }

  @Bean
  @ConditionalOnMissingBean
  BffExceptionHandler bffExceptionHandler() {
    return new BffExceptionHandler();
  }

  static String clientVersion(BffProperties properties, BuildProperties build) {
    if (properties.clientVersion() != null && !properties.clientVersion().isBlank()) {
      return properties.clientVersion();
    }
    if (build != null && build.getVersion() != null) {
      return build.getVersion();
    }
    throw new IllegalStateException(
        "Set storefront.bff.client-version, or let spring-boot-maven-plugin write build-info"
            + " (goal build-info) so the project version is used");
  }
}
