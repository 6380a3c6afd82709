package dev.storefront.cart.cart;

import dev.storefront.cart.catalog.CatalogProducts;
import dev.storefront.graphql.client.SubgraphClients;
import dev.storefront.messaging.config.MessagingProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import tools.jackson.databind.json.JsonMapper;

@Configuration
class CartConfiguration {

  @Bean
  CartCache cartCache(
      ReactiveStringRedisTemplate redis,
      JsonMapper json,
      MessagingProperties messaging,
      CartSettings settings) {
    return new CartCache(redis, json, messaging.namespace(), settings.ttl().toMillis());
  }

  @Bean
  CartStore cartStore(
      DatabaseClient db, TransactionalOperator tx, CartCache cache, CartSettings settings) {
    return new CartStore(db, tx, cache, settings.maxLines());
  }

  @Bean
  CatalogProducts catalogProducts(SubgraphClients clients, CartSettings settings) {
    return new CatalogProducts(clients.of("catalog", settings.catalogUrl()));
  }
}
