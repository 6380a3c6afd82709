package dev.storefront.registry.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.storefront.registry.Sha256;
import dev.storefront.service.profile.DeploymentProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.json.JsonMapper;

class PrincipalsTest {

  final JsonMapper json = JsonMapper.builder().build();
  @TempDir Path dir;

  Path file(String text) throws IOException {
    return Files.writeString(dir.resolve("principals.json"), text);
  }

  static String principal(String name, String role, String token, String urls) {
    return """
    {"name": "%s", "role": "%s", "tokenSha256": "%s"%s}\
    """
        .formatted(name, role, Sha256.hex(token), urls == null ? "" : ", \"routingUrls\": " + urls);
  }

  @Test
  void authenticatesByTheTokensHashOnly() throws IOException {
    var principals =
        Principals.load(
            file(
                "{\"principals\": ["
                    + principal(
                        "catalog", "subgraph", "t-catalog", "[\"http://127.0.0.1:4002/graphql\"]")
                    + ", "
                    + principal("router", "ROUTER", "t-router", null)
                    + "]}"),
            json);
    assertThat(principals.authenticate("t-catalog"))
        .hasValueSatisfying(p -> {
          assertThat(p.name()).isEqualTo("catalog");
          assertThat(p.role()).isEqualTo(Role.SUBGRAPH);
          assertThat(p.routingUrls()).containsExactly("http://127.0.0.1:4002/graphql");
        });
    assertThat(principals.authenticate("t-router")).map(Principal::role).hasValue(Role.ROUTER);
    assertThat(principals.authenticate(Sha256.hex("t-router"))).isEmpty();
    assertThat(principals.authenticate("t-catalo")).isEmpty();
    assertThat(principals.authenticate("")).isEmpty();
    assertThat(principals.authenticate(null)).isEmpty();
  }

  @Test
  void aMistakeInTheFileStopsStartUpNamingIt() throws IOException {
    assertThatThrownBy(() ->
            Principals.load(
                file("{\"principals\": [" + principal("catalog", "subgraph", "t", null) + "]}"),
                json))
        .hasMessageContaining("catalog")
        .hasMessageContaining("routingUrls");
    assertThatThrownBy(() ->
            Principals.load(
                file(
                    "{\"principals\": [{\"name\": \"x\", \"role\": \"client\", \"tokenSha256\": \"plain\"}]}"),
                json))
        .hasMessageContaining("tokenSha256");
    assertThatThrownBy(() ->
            Principals.load(
                file("{\"principals\": [" + principal("x", "root", "t", null) + "]}"), json))
        .hasMessageContaining("role");
    assertThatThrownBy(() ->
            Principals.load(
                file(
                    "{\"principals\": ["
                        + principal("a", "client", "same", null)
                        + ", "
                        + principal("b", "client", "same", null)
                        + "]}"),
                json))
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> Principals.load(dir.resolve("missing.json"), json))
        .hasMessageContaining("missing.json");
  }

  @Test
  void productionRefusesToStartWithoutAPrincipalsFile() {
    var environment = new MockEnvironment();
    assertThatThrownBy(() ->
            new PrincipalsConfiguration()
                .principals(environment, DeploymentProfile.named("production"), json))
        .hasMessageContaining("STOREFRONT_REGISTRY_PRINCIPALS_FILE");
    assertThat(
            new PrincipalsConfiguration()
                .principals(environment, DeploymentProfile.named("development"), json)
                .isEmpty())
        .isTrue();
  }
}
