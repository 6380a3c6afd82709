package dev.storefront.graphql.config;

import dev.storefront.graphql.access.RouterOnlyFilter;
import dev.storefront.graphql.identity.AccessTokenDecoders;
import dev.storefront.graphql.identity.InvalidTokenEntryPoint;
import dev.storefront.service.profile.DeploymentProfile;
import java.util.List;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

/**
 * Who is calling a subgraph, checked by the subgraph itself: the router's credential on every path
 * but health, metrics and the service's public endpoints ({@link RouterOnlyFilter}), and the
 * caller's access token, verified against accounts' JWKS (Spring Security's OAuth2 resource
 * server). Before Spring Boot's security auto-configurations, so theirs back off.
 */
@AutoConfiguration(
    beforeName = {
      "org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration",
      "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.reactive.ReactiveOAuth2ResourceServerWebSecurityAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration"
    })
@EnableWebFluxSecurity
public class IdentityAutoConfiguration {

  static final String ROUTER_SECRET_SETTING = "STOREFRONT_ROUTER_SHARED_SECRET";

  /** Tests register a decoder for their own signing key instead (test-support). */
  @Bean
  @ConditionalOnMissingBean
  ReactiveJwtDecoder accessTokenDecoder(
      @Value("${storefront.jwks-url:http://127.0.0.1:4001/.well-known/jwks.json}") String jwksUrl,
      @Value("${storefront.jwt.issuer:storefront-accounts}") String issuer,
      @Value("${storefront.jwt.audience:storefront}") String audience) {
    return AccessTokenDecoders.fromJwks(jwksUrl, issuer, audience);
  }

  /**
   * Bearer tokens only: no sessions, login pages, basic auth or CSRF (no cookies to protect). A
   * request without a token is anonymous (the catalog is public; data fetchers decide with {@code
   * CurrentUser}); a request with a token that does not verify is refused whole.
   */
  @Bean
  @ConditionalOnMissingBean
  SecurityWebFilterChain bearerTokenSecurity(ServerHttpSecurity http, ReactiveJwtDecoder decoder) {
    var invalidToken = new InvalidTokenEntryPoint();
    return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
        .httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
        .formLogin(ServerHttpSecurity.FormLoginSpec::disable)
        .logout(ServerHttpSecurity.LogoutSpec::disable)
        .anonymous(ServerHttpSecurity.AnonymousSpec::disable)
        // Browser headers (frame options, no-store) mean nothing to the router and would override
        // a service's own caching headers.
        .headers(ServerHttpSecurity.HeaderSpec::disable)
        .requestCache(cache -> cache.requestCache(NoOpServerRequestCache.getInstance()))
        .securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
        .authorizeExchange(exchanges -> exchanges.anyExchange().permitAll())
        .oauth2ResourceServer(resourceServer ->
            resourceServer
                .jwt(jwt -> jwt.jwtDecoder(decoder))
                .authenticationEntryPoint(invalidToken))
        .exceptionHandling(handling -> handling.authenticationEntryPoint(invalidToken))
        .build();
  }

  /**
   * Every path but health, metrics and {@code storefront.router.public-paths} needs the router's
   * credential. Off only without a secret, which development allows (module tests and tools call a
   * subgraph directly).
   */
  @Bean
  @ConditionalOnExpression("!'${storefront.router.shared-secret:}'.isBlank()")
  RouterOnlyFilter routerOnlyFilter(
      @Value("${storefront.router.shared-secret}") String secret,
      @Value("${storefront.router.public-paths:}") List<String> publicPaths) {
    return new RouterOnlyFilter(secret, publicPaths);
  }

  /**
   * A production subgraph without the router's credential would answer anyone: it does not start.
   */
  @Bean
  InitializingBean routerSecretRequiredInProduction(
      DeploymentProfile profile, @Value("${storefront.router.shared-secret:}") String secret) {
    return () -> profile.requireSecret(ROUTER_SECRET_SETTING, secret);
  }
}
