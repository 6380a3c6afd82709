package dev.storefront.testsupport;

import dev.storefront.graphql.identity.AccessTokenDecoders;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * On the test classpath only: subgraphs verify tokens against {@link TestAccessTokens}' key instead
 * of fetching accounts' JWKS (which would be a running platform's, on port 4001), with the
 * platform's own claim checks.
 */
@AutoConfiguration(beforeName = TestTokenVerificationAutoConfiguration.IDENTITY)
@ConditionalOnClass(name = TestTokenVerificationAutoConfiguration.IDENTITY)
public class TestTokenVerificationAutoConfiguration {

  /** Services without graphql-support (the registry) use test-support for their database only. */
  static final String IDENTITY = "dev.storefront.graphql.config.IdentityAutoConfiguration";

  @Bean
  ReactiveJwtDecoder testAccessTokenDecoder() {
    NimbusReactiveJwtDecoder decoder =
        NimbusReactiveJwtDecoder.withPublicKey(TestAccessTokens.publicKey()).build();
    decoder.setJwtValidator(
        AccessTokenDecoders.claimChecks(TestAccessTokens.ISSUER, TestAccessTokens.AUDIENCE));
    return decoder;
  }
}
