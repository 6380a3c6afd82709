package dev.storefront.registry;

import static dev.storefront.registry.RegistryFixture.PRODUCTS_V1;
import static dev.storefront.registry.RegistryFixture.bearer;
import static dev.storefront.registry.RegistryFixture.publishBody;

import org.springframework.boot.test.context.TestComponent;
import org.springframework.http.HttpHeaders;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The registry under test, called as a principal of {@link RegistryFixture#PRINCIPALS_FILE} (by
 * name; {@code null} sends no Authorization header).
 */
@TestComponent
class RegistryRequests {

  private final WebTestClient web;
  private final DatabaseClient database;

  RegistryRequests(WebTestClient web, DatabaseClient database) {
    this.web = web;
    this.database = database;
  }

  void reset() {
    RegistryFixture.reset(database);
  }

  /** A clean registry in which products has published {@link RegistryFixture#PRODUCTS_V1}. */
  void resetWithProducts() {
    reset();
    publish("products", "products", publishBody("products", PRODUCTS_V1)).expectStatus().isOk();
  }

  WebTestClient.ResponseSpec publish(String name, String principal, Object body) {
    return publishWithAuthorization(name, authorization(principal), body);
  }

  /** A publish with this Authorization header exactly ({@code null}: none). */
  WebTestClient.ResponseSpec publishWithAuthorization(
      String name, String authorization, Object body) {
    return post("/subgraphs/{name}/publish", name, authorization, body);
  }

  WebTestClient.ResponseSpec check(String name, String principal, Object body) {
    return post("/subgraphs/{name}/check", name, authorization(principal), body);
  }

  WebTestClient.ResponseSpec rollback(String name, String principal, Object body) {
    return post("/subgraphs/{name}/rollback", name, authorization(principal), body);
  }

  WebTestClient.ResponseSpec registerManifest(
      String client, String version, String principal, Object manifest) {
    return web.put()
        .uri("/clients/{client}/versions/{version}/manifest", client, version)
        .headers(headers -> authorize(headers, authorization(principal)))
        .bodyValue(manifest)
        .exchange();
  }

  WebTestClient.ResponseSpec retire(String client, String version, String principal) {
    return web.delete()
        .uri("/clients/{client}/versions/{version}", client, version)
        .headers(headers -> authorize(headers, authorization(principal)))
        .exchange();
  }

  WebTestClient.ResponseSpec get(String uri, String principal) {
    return web.get()
        .uri(uri)
        .headers(headers -> authorize(headers, authorization(principal)))
        .exchange();
  }

  /** The current supergraph's body, read without a token and whatever the status. */
  String supergraph() {
    return get("/supergraph", null).expectBody(String.class).returnResult().getResponseBody();
  }

  /** The JSON array at this URI, read without a token, has this many elements. */
  void expectLength(String uri, int length) {
    get(uri, null).expectBody().jsonPath("$.length()").isEqualTo(length);
  }

  private WebTestClient.ResponseSpec post(
      String uri, String name, String authorization, Object body) {
    return web.post()
        .uri(uri, name)
        .headers(headers -> authorize(headers, authorization))
        .bodyValue(body)
        .exchange();
  }

  private static String authorization(String principal) {
    return principal == null ? null : bearer(principal);
  }

  private static void authorize(HttpHeaders headers, String authorization) {
    if (authorization != null) {
      headers.set(HttpHeaders.AUTHORIZATION, authorization);
    }
  }
}
