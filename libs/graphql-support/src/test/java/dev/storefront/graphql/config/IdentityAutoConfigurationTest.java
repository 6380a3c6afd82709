package dev.storefront.graphql.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.storefront.graphql.access.RouterOnlyFilter;
import dev.storefront.service.profile.DeploymentProfile;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;
import org.springframework.security.web.server.SecurityWebFilterChain;

class IdentityAutoConfigurationTest {

  static ReactiveWebApplicationContextRunner in(String profile) {
    return new ReactiveWebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(IdentityAutoConfiguration.class))
        .withBean(DeploymentProfile.class, () -> DeploymentProfile.named(profile));
  }

  @Test
  void productionRefusesToStartWithoutTheRoutersCredential() {
    in("production")
        .run(context ->
            assertThat(context)
                .hasFailed()
                .getFailure()
                .rootCause()
                .hasMessageContaining("STOREFRONT_ROUTER_SHARED_SECRET"));
  }

  @Test
  void productionWithASecretChecksItOnEveryPath() {
    in("production")
        .withPropertyValues("storefront.router.shared-secret=s3cret-of-my-own")
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(RouterOnlyFilter.class);
          assertThat(context).hasSingleBean(SecurityWebFilterChain.class);
          assertThat(context).hasSingleBean(ReactiveJwtDecoder.class);
        });
  }

  @Test
  void developmentWithoutASecretLeavesTheCheckOffButStillVerifiesTokens() {
    in("development")
        .run(context -> {
          assertThat(context).hasNotFailed().doesNotHaveBean(RouterOnlyFilter.class);
          assertThat(context).hasSingleBean(SecurityWebFilterChain.class);
        });
  }
}
