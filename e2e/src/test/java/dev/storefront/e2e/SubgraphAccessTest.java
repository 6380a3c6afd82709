package dev.storefront.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Subgraphs answer GraphQL only to the router, which presents the platform's shared secret. */
class SubgraphAccessTest {

  static final String QUERY = "{\"query\":\"{ __typename }\"}";

  @ParameterizedTest(name = "port {0}")
  @ValueSource(ints = {4001, 4002, 4003, 4004, 4005, 4006, 4007})
  void aDirectCallWithoutTheSecretIsUnauthenticatedAndTheRoutersCallIsServed(int port)
      throws Exception {
    var anonymous = post(port, null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    JsonNode body = Router.JSON.readTree(anonymous.body());
    assertThat(body.at("/errors/0/extensions/code").asString()).isEqualTo("UNAUTHENTICATED");
    assertThat(body.has("data")).isFalse();

    assertThat(post(port, "not-the-secret").statusCode()).isEqualTo(401);
    var asRouter = post(port, secret());
    assertThat(asRouter.statusCode()).isEqualTo(200);
    assertThat(asRouter.body()).contains("\"__typename\":\"Query\"");
  }

  static String secret() throws IOException {
    String fromEnvironment = System.getenv("STOREFRONT_ROUTER_SHARED_SECRET");
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment;
    }
    return Files.readString(SchemaRegistryTest.PLATFORM.getParent().resolve(".run/router-secret"))
        .strip();
  }

  static HttpResponse<String> post(int port, String secret) {
    return Router.send(
        URI.create("http://127.0.0.1:" + port + "/graphql"),
        QUERY,
        secret == null ? Map.of() : Map.of("X-Storefront-Router-Secret", secret));
  }
}
