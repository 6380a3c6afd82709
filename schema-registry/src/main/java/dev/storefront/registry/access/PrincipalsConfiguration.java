package dev.storefront.registry.access;

import dev.storefront.service.profile.DeploymentProfile;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

@Configuration(proxyBeanMethods = false)
class PrincipalsConfiguration {

  static final String PROPERTY = "storefront.registry.principals-file";

  private static final Logger log = LoggerFactory.getLogger(PrincipalsConfiguration.class);

  @Bean
  Principals principals(Environment environment, DeploymentProfile profile, JsonMapper json) {
    String file = environment.getProperty(PROPERTY, "");
    // Without principals the registry would be open to anyone who reaches its port.
    profile.refuse(
        file.isBlank(),
        "STOREFRONT_REGISTRY_PRINCIPALS_FILE is not set: the registry cannot tell its callers apart");
    if (file.isBlank()) {
      log.warn(
          "No STOREFRONT_REGISTRY_PRINCIPALS_FILE: every publish, rollback and manifest write is"
              + " refused");
      return Principals.none();
    }
    Principals principals = Principals.load(Path.of(file), json);
    log.info("Loaded {} registry principal(s) from {}", principals.size(), file);
    return principals;
  }
}
