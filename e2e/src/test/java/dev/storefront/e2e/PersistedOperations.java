package dev.storefront.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The persisted operations a client registered with the schema registry, by name. */
final class PersistedOperations {

  private PersistedOperations() {}

  static Map<String, String> registeredIds(String client) {
    URI registry = URI.create(SchemaRegistryTest.REGISTRY);
    JsonNode clients = Router.JSON.readTree(Router.get(registry.resolve("/clients")));
    String version = null;
    for (JsonNode entry : clients) {
      if (client.equals(entry.path("client").asString())) {
        version = entry.path("clientVersion").asString();
      }
    }
    assertThat(version).as("%s registered its operations", client).isNotNull();
    JsonNode manifest =
        Router.JSON.readTree(
            Router.get(
                registry.resolve("/clients/" + client + "/versions/" + version + "/manifest")));
    Map<String, String> ids = new HashMap<>();
    manifest
        .path("operations")
        .forEach(op -> ids.put(op.path("name").asString(), op.path("id").asString()));
    return ids;
  }
}
