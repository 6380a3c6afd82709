package dev.storefront.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The registry as an attacker inside the network finds it: writes without a credential, with
 * another principal's, and a publish sending the catalog's traffic elsewhere are all refused, and
 * the supergraph the router follows stays what it was. Every write sent here is harmless if it were
 * accepted (the current schema with its own URL, the same manifest), except the foreign URL, which
 * is put back in {@code finally}.
 */
class RegistryAccessTest {

  static final Path TOKENS = SchemaRegistryTest.PLATFORM.getParent().resolve(".run/registry");
  static final String FOREIGN_URL = "http://203.0.113.9/graphql";
  static final String CATALOG_URL = "http://127.0.0.1:4002/graphql";

  /** The Authorization header of a principal whose token ./platform keeps in .run/registry/. */
  static String bearer(String principal) {
    try {
      return "Bearer " + Files.readString(TOKENS.resolve(principal + ".token")).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("./platform keeps the registry tokens in " + TOKENS, e);
    }
  }

  static HttpResponse<String> publishCatalog(String authorization, String url) throws IOException {
    String sdl = Files.readString(SchemaRegistryTest.CATALOG_SCHEMA);
    String body =
        Router.JSON.writeValueAsString(Map.of("url", url, "sdl", sdl, "label", "e2e access"));
    return Router.send(
        URI.create(SchemaRegistryTest.REGISTRY + "/subgraphs/catalog/publish"),
        body,
        authorization == null ? Map.of() : Map.of("Authorization", authorization));
  }

  static HttpResponse<String> registry(HttpRequest.Builder request) {
    return Router.exchange(request.timeout(Duration.ofSeconds(60)).build());
  }

  static URI registryUri(String path) {
    return URI.create(SchemaRegistryTest.REGISTRY + path);
  }

  static String supergraphEtag() {
    var response = registry(HttpRequest.newBuilder(registryUri("/supergraph")));
    assertThat(response.statusCode()).isEqualTo(200);
    return response.headers().firstValue("etag").orElseThrow();
  }

  static int catalogVersions() {
    return Router.JSON.readTree(Router.get(registryUri("/subgraphs/catalog/versions"))).size();
  }

  @Test
  void publishesWithoutACredentialOrWithAnotherPrincipalsAreRefused() throws IOException {
    String etag = supergraphEtag();
    int versions = catalogVersions();

    var anonymous = publishCatalog(null, CATALOG_URL);
    assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("www-authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(publishCatalog("Bearer not-a-registry-token", CATALOG_URL).statusCode())
        .isEqualTo(401);
    for (String other : List.of("reviews", "bff-web", "router", "admin")) {
      var response = publishCatalog(bearer(other), CATALOG_URL);
      assertThat(response.statusCode()).as(other + ": " + response.body()).isEqualTo(403);
    }
    var check =
        Router.send(
            registryUri("/subgraphs/catalog/check"),
            Router.JSON.writeValueAsString(
                Map.of(
                    "url",
                    CATALOG_URL,
                    "sdl",
                    Files.readString(SchemaRegistryTest.CATALOG_SCHEMA))),
            Map.of("Authorization", bearer("inventory")));
    assertThat(check.statusCode()).as(check.body()).isEqualTo(403);
    var rollback =
        Router.send(
            registryUri("/subgraphs/catalog/rollback"),
            "{\"version\": 1}",
            Map.of("Authorization", bearer("catalog")));
    assertThat(rollback.statusCode()).as(rollback.body()).isEqualTo(403);

    assertThat(supergraphEtag()).isEqualTo(etag);
    assertThat(catalogVersions()).isEqualTo(versions);
    JsonNode writes = Router.JSON.readTree(Router.get(registryUri("/writes?target=catalog")));
    assertThat(writes.findValuesAsString("actor"))
        .contains("anonymous", "unknown-token", "reviews", "bff-web", "catalog");
  }

  @Test
  void aPublishWithAForeignRoutingUrlIsRefusedAndTheRouterKeepsItsCatalog() throws Exception {
    String etag = supergraphEtag();
    try {
      var response = publishCatalog(bearer("catalog"), FOREIGN_URL);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
      assertThat(Router.JSON.readTree(response.body()).path("detail").asString())
          .contains(FOREIGN_URL);
      assertThat(supergraphEtag()).isEqualTo(etag);
      String supergraph = Router.get(registryUri("/supergraph"));
      assertThat(supergraph).doesNotContain("203.0.113.9").contains(CATALOG_URL);
      var product = Router.post(SchemaRegistryTest.SKU_QUERY);
      assertThat(product.data().at("/product/sku").asString()).isEqualTo("SKU-000001");
    } finally {
      // Were it accepted, the router would follow it within a poll: put the catalog back.
      var restored = publishCatalog(bearer("catalog"), CATALOG_URL);
      assertThat(restored.statusCode()).as(restored.body()).isEqualTo(200);
    }
  }

  @Test
  void aBffCannotReplaceOrRetireTheOtherBffsManifest() {
    JsonNode clients = Router.JSON.readTree(Router.get(registryUri("/clients")));
    String version = null;
    for (JsonNode entry : clients) {
      if ("bff-web".equals(entry.path("client").asString())
          && !entry.path("clientVersion").asString().startsWith("e2e-")) {
        version = entry.path("clientVersion").asString();
      }
    }
    assertThat(version).as("bff-web registered its operations").isNotNull();
    URI manifest = registryUri("/clients/bff-web/versions/" + version + "/manifest");
    String before = Router.get(manifest);
    // Its own manifest, unchanged: harmless even if the registry took it.
    var replace =
        registry(
            HttpRequest.newBuilder(manifest)
                .header("content-type", "application/json")
                .header("Authorization", bearer("bff-mobile"))
                .PUT(HttpRequest.BodyPublishers.ofString(before)));
    assertThat(replace.statusCode()).as(replace.body()).isEqualTo(403);
    var anonymous =
        registry(
            HttpRequest.newBuilder(manifest)
                .header("content-type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(before)));
    assertThat(anonymous.statusCode()).as(anonymous.body()).isEqualTo(401);
    var retire =
        registry(
            HttpRequest.newBuilder(registryUri("/clients/bff-web/versions/" + version))
                .header("Authorization", bearer("bff-mobile"))
                .DELETE());
    assertThat(retire.statusCode()).as(retire.body()).isEqualTo(403);
    assertThat(Router.get(manifest)).isEqualTo(before);
    JsonNode registered = Router.JSON.readTree(Router.get(registryUri("/clients")));
    for (JsonNode entry : registered) {
      if ("bff-web".equals(entry.path("client").asString())
          && version.equals(entry.path("clientVersion").asString())) {
        assertThat(entry.path("registeredBy").asString()).isEqualTo("bff-web");
      }
    }
  }
}
