package dev.storefront.graphql.config;

import com.apollographql.federation.graphqljava.tracing.FederatedTracingInstrumentation;
import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsRuntimeWiring;
import dev.storefront.graphql.client.SubgraphClients;
import dev.storefront.graphql.error.ErrorCodeInterceptor;
import dev.storefront.graphql.error.TypedDataFetcherExceptionHandler;
import dev.storefront.graphql.federation.FederatedTracingHeaderInterceptor;
import dev.storefront.graphql.identity.CurrentUserInterceptor;
import dev.storefront.graphql.registry.SchemaSelfPublisher;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.scalars.ExtendedScalars;
import graphql.schema.idl.RuntimeWiring;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.function.client.WebClient;

/** Federation, error and scalar conventions every subgraph shares. */
@AutoConfiguration
public class GraphQlSupportAutoConfiguration {

  /** Primary over DGS's own handler, which reports errors without our extensions.code. */
  @Bean
  @Primary
  DataFetcherExceptionHandler typedDataFetcherExceptionHandler() {
    return new TypedDataFetcherExceptionHandler();
  }

  @Bean
  @Order(0)
  ErrorCodeInterceptor errorCodeInterceptor() {
    return new ErrorCodeInterceptor();
  }

  @Bean
  @Order(1)
  FederatedTracingHeaderInterceptor federatedTracingHeaderInterceptor() {
    return new FederatedTracingHeaderInterceptor();
  }

  @Bean
  @Order(2)
  CurrentUserInterceptor currentUserInterceptor() {
    return new CurrentUserInterceptor();
  }

  @Bean
  SubgraphClients subgraphClients(
      WebClient.Builder webClients, @Value("${storefront.router.shared-secret:}") String secret) {
    return new SubgraphClients(webClients, secret);
  }

  @Bean
  @ConditionalOnBooleanProperty("storefront.registry.publish-on-startup")
  SchemaSelfPublisher schemaSelfPublisher() {
    return new SchemaSelfPublisher();
  }

  @Bean
  FederatedTracingInstrumentation federatedTracingInstrumentation() {
    return new FederatedTracingInstrumentation();
  }

  /**
   * Scalars used across subgraphs must serialize the same way in each. Registered as a member
   * component of this configuration.
   */
  @DgsComponent
  public static class SharedScalars {
    @DgsRuntimeWiring
    public RuntimeWiring.Builder addScalars(RuntimeWiring.Builder builder) {
      return builder.scalar(ExtendedScalars.DateTime);
    }
  }
}
