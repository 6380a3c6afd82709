package dev.storefront.payments.processor;

import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.retry.RetryRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

@Configuration
class ProcessorConfiguration {

  @Bean
  CardProcessorClient cardProcessorClient(WebClient.Builder web, ProcessorSettings settings) {
    return new CardProcessorClient(web.clone(), settings);
  }

  @Bean
  ResilientCardProcessor resilientCardProcessor(
      CardProcessorClient client,
      ProcessorSettings settings,
      CircuitBreakerRegistry circuitBreakers,
      RetryRegistry retries,
      BulkheadRegistry bulkheads) {
    return new ResilientCardProcessor(client, settings, circuitBreakers, retries, bulkheads);
  }
}
