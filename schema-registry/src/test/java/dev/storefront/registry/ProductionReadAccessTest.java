package dev.storefront.registry;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.TestPropertySource;

/** In production the supergraph and persisted documents are the router's and the admin's. */
@RegistryTest
@TestPropertySource(properties = "storefront.profile=production")
class ProductionReadAccessTest {

  @Autowired RegistryRequests registry;
  @Autowired DatabaseClient database;

  String documentId;
  long supergraphId;

  @BeforeEach
  void published() {
    registry.resetWithProducts();
    supergraphId =
        database
            .sql("SELECT max(id) AS id FROM supergraph_versions")
            .map(row -> row.get("id", Long.class))
            .one()
            .block();
    String body = "query Names { products { name } }";
    documentId = Sha256.hex(body);
    registry
        .registerManifest("web", "1", "web", OperationCheckTest.manifest(body))
        .expectStatus()
        .isOk();
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
      registry.get(uri, null).expectStatus().isUnauthorized();
      registry.get(uri, "products").expectStatus().isForbidden();
      registry.get(uri, "web").expectStatus().isForbidden();
      registry.get(uri, "router").expectStatus().isOk();
      registry.get(uri, "admin").expectStatus().isOk();
    }
  }

  @Test
  void historyNeedsAPrincipal() {
    registry.get("/subgraphs/products/versions", null).expectStatus().isUnauthorized();
    registry.get("/supergraph/versions", null).expectStatus().isUnauthorized();
    registry.get("/writes", null).expectStatus().isUnauthorized();
    registry
        .get("/subgraphs/products/versions", "products")
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$[0].publishedBy")
        .isEqualTo("products");
  }
}
