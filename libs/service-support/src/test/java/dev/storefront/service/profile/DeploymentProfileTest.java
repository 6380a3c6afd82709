package dev.storefront.service.profile;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class DeploymentProfileTest {

  private final DeploymentProfile production =
      DeploymentProfile.of(
          new MockEnvironment().withProperty(DeploymentProfile.PROPERTY, "Production"));
  private final DeploymentProfile development = DeploymentProfile.of(new MockEnvironment());

  @Test
  void developmentIsTheDefaultAndAcceptsRepositorySecrets() {
    assertThatCode(() -> development.requireSecret("SECRET", "whsec_dev", "whsec_dev"))
        .doesNotThrowAnyException();
    assertThatCode(() -> development.requireSecret("SECRET", null)).doesNotThrowAnyException();
  }

  @Test
  void productionRefusesMissingAndRepositorySecretsNamingTheSetting() {
    assertThatThrownBy(() -> production.requireSecret("STOREFRONT_X_SECRET", " "))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("STOREFRONT_X_SECRET");
    assertThatThrownBy(() -> production.requireSecret("STOREFRONT_X_SECRET", "dev", "dev"))
        .hasMessageContaining("development value of STOREFRONT_X_SECRET");
    assertThatCode(() -> production.requireSecret("STOREFRONT_X_SECRET", "s3cr3t-of-my-own", "dev"))
        .doesNotThrowAnyException();
  }

  @Test
  void productionRefusesUnsafeStartAndUnknownProfilesAreAnError() {
    assertThatThrownBy(() -> production.refuse(true, "demo data is on"))
        .hasMessageContaining("demo data is on");
    assertThatCode(() -> development.refuse(true, "demo data is on")).doesNotThrowAnyException();
    assertThatThrownBy(() -> DeploymentProfile.named("prod"))
        .hasMessageContaining("'development' or 'production'");
  }
}
