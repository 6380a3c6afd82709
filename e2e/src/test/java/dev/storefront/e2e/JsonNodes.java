package dev.storefront.e2e;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on response shapes shared by the security tests. */
final class JsonNodes {

  private JsonNodes() {}

  /** No data at all: the request was refused before execution. */
  static void assertNoData(Router.Response response) {
    assertThat(response.data().isMissingNode() || response.data().isNull())
        .as("data in %s", response.raw())
        .isTrue();
  }

  static String code(Router.Response response) {
    return response.errors().path(0).path("extensions").path("code").asString();
  }
}
