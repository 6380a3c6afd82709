package dev.storefront.registry;

import static dev.storefront.registry.RegistryFixture.PRODUCTS_V1;
import static dev.storefront.registry.RegistryFixture.bearer;
import static dev.storefront.registry.RegistryFixture.publishBody;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** In production the supergraph and persisted documents are the router's and the admin's. */
@RegistryTest
@TestPropertySource(properties = "storefront.profile=production")
class ProductionReadAccessTest {

  @Autowired WebTestClient web;
  @Autowired DatabaseClient database;

  String documentId;
  long supergraphId;

  @BeforeEach
  void published() {
    RegistryFixture.reset(database);
    web.post()
        .uri("/subgraphs/products/publish")
        .header("Authorization", bearer("products"))
        .bodyValue(publishBody("products", PRODUCTS_V1))
        .exchange()
        .expectStatus()
        .isOk();
    supergraphId =
        database
            .sql("SELECT max(id) AS id FROM supergraph_versions")
            .map(row -> row.get("id", Long.class))
            .one()
            .block();
    String body = "query Names { products { name } }";
    documentId = Sha256.hex(body);
    web.put()
        .uri("/clients/web/versions/1/manifest")
        .header("Authorization", bearer("web"))
        .bodyValue(OperationCheckTest.manifest(body))
        .exchange()
        .expectStatus()
        .isOk();
  }

  WebTestClient.ResponseSpec get(String uri, String principal) {
    var request = web.get().uri(uri);
    if (principal != null) {
      request = request.header("Authorization", bearer(principal));
    }
    return request.exchange();
  }

  @Test
  void theSupergraphAndDocumentsNeedTheRoutersOrAnAdministratorsToken() {
    for (String uri :
        new String[] {
          "/supergraph",
          "/supergraph/versions/" + supergraphId,
          "/operations/" + documentId,
          "/clients/web/versions/1/manifest"
        }) {
      get(uri, null).expectStatus().isUnauthorized();
      get(uri, "products").expectStatus().isForbidden();
      get(uri, "web").expectStatus().isForbidden();
      get(uri, "router").expectStatus().isOk();
      get(uri, "admin").expectStatus().isOk();
    }
  }

  @Test
  void historyNeedsAPrincipal() {
    get("/subgraphs/products/versions", null).expectStatus().isUnauthorized();
    get("/supergraph/versions", null).expectStatus().isUnauthorized();
    get("/writes", null).expectStatus().isUnauthorized();
    get("/subgraphs/products/versions", "products")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$[0].publishedBy")
        .isEqualTo("products");
  }
}
