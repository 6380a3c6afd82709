package dev.storefront.e2e;

import static dev.storefront.e2e.JsonNodes.assertNoData;
import static dev.storefront.e2e.JsonNodes.code;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Persisted operations: a client registers its operations with the schema registry (an Apollo
 * persisted query manifest) and then sends only their ids through the router, which resolves them
 * with the registry; and the registry refuses a schema change that would break them.
 */
class PersistedOperationsTest {

  /**
   * The registry takes a client's manifests only with that client's token, so the suite registers
   * its own versions (e2e-…) as bff-mobile, with bff-mobile's token, and retires them afterwards.
   */
  static final String CLIENT = "bff-mobile";

  static final String VERSION = uniqueVersion();

  static final String PRODUCT =
      "query E2eProduct($id: ID!) { product(id: $id) { id name price { amount currencyCode } } }";

  /** Uses Product.createdAt, a field no subgraph depends on: only clients do. */
  static final String PRODUCT_CREATED_AT =
      "query E2eProductCreatedAt($id: ID!) { product(id: $id) { id createdAt } }";

  private static final Pattern OPERATION =
      Pattern.compile("^\\s*(query|mutation|subscription)\\b\\s*(\\w+)?");

  @BeforeAll
  static void registerTheManifest() {
    register(CLIENT, VERSION, List.of(PRODUCT, PRODUCT_CREATED_AT));
  }

  @AfterAll
  static void retireTheClientVersion() {
    // Registered operations block schema changes that break them: leave none behind.
    retire(CLIENT, VERSION);
  }

  @Test
  void registeredOperationsRunByDocumentIdThroughTheRouter() {
    var product = postById(Router.URL, id(PRODUCT), Map.of("id", "1"));
    assertThat(product.status()).as(product.raw()).isEqualTo(200);
    assertThat(product.errors().isMissingNode()).as(product.raw()).isTrue();
    assertThat(product.data().at("/product/id").asString()).isEqualTo("1");
    assertThat(product.data().at("/product/name").asString()).isNotBlank();
    assertThat(product.data().at("/product/price/amount").asString()).matches("\\d+\\.\\d{2}");

    var createdAt = postById(Router.URL, id(PRODUCT_CREATED_AT), Map.of("id", "2"));
    assertThat(createdAt.errors().isMissingNode()).as(createdAt.raw()).isTrue();
    assertThat(createdAt.data().at("/product/createdAt").asString()).matches("\\d{4}-\\d{2}-.*");

    // The same id APQ-style, as Apollo clients send it.
    var apq =
        Router.postRaw(
            Router.JSON.writeValueAsString(
                Map.of(
                    "variables",
                    Map.of("id", "1"),
                    "extensions",
                    Map.of("persistedQuery", Map.of("version", 1, "sha256Hash", id(PRODUCT))))));
    assertThat(apq.data().path("product")).isEqualTo(product.data().path("product"));
  }

  @Test
  void anUnregisteredIdIsRefusedWithATypedError() {
    var unknown =
        postById(Router.URL, id("query E2eNeverRegistered { __typename } # " + UUID.randomUUID()));
    assertThat(unknown.status()).as(unknown.raw()).isEqualTo(400);
    assertNoData(unknown);
    assertThat(code(unknown)).isEqualTo("PERSISTED_QUERY_NOT_IN_LIST");
    assertThat(unknown.raw()).doesNotContain("4010").doesNotContain("http://");

    var malformed = postById(Router.URL, id(PRODUCT).toUpperCase());
    assertThat(malformed.status()).as(malformed.raw()).isEqualTo(400);
    assertNoData(malformed);
    assertThat(code(malformed)).isEqualTo("PERSISTED_QUERY_ID_INVALID");
  }

  @Test
  void theRegistryRejectsASchemaChangeThatBreaksARegisteredOperation() throws Exception {
    String schema = Files.readString(SchemaRegistryTest.CATALOG_SCHEMA);
    String withoutCreatedAt = schema.replace("  createdAt: DateTime!\n", "");
    assertThat(withoutCreatedAt).isNotEqualTo(schema);
    // acceptBreaking: the removal alone would be allowed; the registered operation is what stops
    // it.
    var response =
        SchemaRegistryTest.catalogSchema(
            "check", withoutCreatedAt, "e2e persisted operations", true);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
    JsonNode report = Router.JSON.readTree(response.body());
    assertThat(report.path("status").asString()).isEqualTo("REJECTED");
    assertThat(report.path("message").asString())
        .contains(CLIENT + "@" + VERSION + " E2eProductCreatedAt");
    JsonNode ours = null;
    for (JsonNode broken : report.path("brokenOperations")) {
      if (broken.path("client").asString().equals(CLIENT)
          && broken.path("clientVersion").asString().equals(VERSION)) {
        assertThat(ours).as("only one of our operations breaks").isNull();
        ours = broken;
      }
    }
    assertThat(ours).as(response.body()).isNotNull();
    assertThat(ours.path("name").asString()).isEqualTo("E2eProductCreatedAt");
    assertThat(ours.path("id").asString()).isEqualTo(id(PRODUCT_CREATED_AT));
    assertThat(ours.path("errors").toString()).contains("createdAt");
  }

  @Test
  void theRegistryRejectsASchemaChangeThatBreaksTheBffsOperations() throws Exception {
    String schema = Files.readString(SchemaRegistryTest.CATALOG_SCHEMA);
    String withoutDescription = schema.replace("  description: String!\n", "");
    assertThat(withoutDescription).isNotEqualTo(schema);
    var response =
        SchemaRegistryTest.catalogSchema(
            "check", withoutDescription, "e2e: would break the BFFs", true);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
    JsonNode report = Router.JSON.readTree(response.body());
    java.util.Set<String> clients = new java.util.HashSet<>();
    report
        .path("brokenOperations")
        .forEach(broken -> clients.add(broken.path("client").asString()));
    // Both BFFs registered their manifests at start-up; both show product descriptions.
    assertThat(clients).contains("bff-mobile", "bff-web");
    assertThat(report.path("message").asString()).contains("bff-mobile@").contains("ProductDetail");
  }

  // Helpers, also used by ProductionRouterTest.

  /** A client version of our own per run, so runs never share (or retire) each other's. */
  static String uniqueVersion() {
    return "e2e-" + System.currentTimeMillis() + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A persisted document's id: the SHA-256 of its text, lowercase hex. */
  static String id(String document) {
    try {
      return java.util.HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(document.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Registers the documents as the client version's manifest through the registry's HTTP API. */
  static void register(String client, String version, List<String> documents) {
    var operations = new ArrayList<Map<String, Object>>();
    for (String document : documents) {
      var matcher = OPERATION.matcher(document);
      var operation = new LinkedHashMap<String, Object>();
      boolean declared = matcher.find(); // else the `{ ... }` shorthand: an anonymous query
      operation.put("id", id(document));
      operation.put("name", declared ? matcher.group(2) : null);
      operation.put("type", declared ? matcher.group(1) : "query");
      operation.put("body", document);
      operations.add(operation);
    }
    String manifest =
        Router.JSON.writeValueAsString(
            Map.of(
                "format",
                "apollo-persisted-query-manifest",
                "version",
                1,
                "operations",
                operations));
    var response =
        Router.exchange(
            HttpRequest.newBuilder(manifestUri(client, version))
                .timeout(Duration.ofSeconds(60))
                .header("content-type", "application/json")
                .header("Authorization", RegistryAccessTest.bearer(client))
                .PUT(HttpRequest.BodyPublishers.ofString(manifest))
                .build());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(Router.JSON.readTree(response.body()).path("operations").asInt())
        .isEqualTo(documents.size());
  }

  /**
   * Retires the client version (its operations no longer hold schema changes back): the
   * administrator's right.
   */
  static void retire(String client, String version) {
    var response =
        Router.exchange(
            HttpRequest.newBuilder(
                    URI.create(
                        SchemaRegistryTest.REGISTRY
                            + "/clients/"
                            + client
                            + "/versions/"
                            + version))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", RegistryAccessTest.bearer("admin"))
                .DELETE()
                .build());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
  }

  private static URI manifestUri(String client, String version) {
    return URI.create(
        SchemaRegistryTest.REGISTRY + "/clients/" + client + "/versions/" + version + "/manifest");
  }

  static Router.Response postById(URI url, String id) {
    return postById(url, id, Map.of());
  }

  /** A persisted operation by id: {@code {"documentId": id, "variables": ...}}. */
  static Router.Response postById(URI url, String id, Map<String, Object> variables) {
    var payload = new HashMap<String, Object>();
    payload.put("documentId", id);
    payload.put("variables", variables);
    return Router.response(
        Router.send(
            url,
            Router.JSON.writeValueAsString(payload),
            Map.of("accept", "application/graphql-response+json, application/json")));
  }
}
