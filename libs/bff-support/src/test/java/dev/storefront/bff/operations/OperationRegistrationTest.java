package dev.storefront.bff.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.storefront.bff.testing.StubHttpServer;
import dev.storefront.bff.testing.StubHttpServer.Response;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.web.reactive.function.client.WebClient;

class OperationRegistrationTest {

  static final PersistedOperations OPERATIONS =
      new PersistedOperations(
          ManifestGenerator.toJson(
              List.of(ManifestGenerator.parse("query Categories { categories { id name } }"))));

  StubHttpServer registry;
  OperationRegistration registration;

  @BeforeEach
  void start() throws Exception {
    registry = new StubHttpServer();
  }

  @AfterEach
  void stop() {
    if (registration != null) {
      registration.stop();
    }
    registry.close();
  }

  OperationRegistration registration(Duration rejectedRetry) {
    registration =
        new OperationRegistration(
            WebClient.builder().build(),
            OPERATIONS,
            registry.url(""),
            "bff-test",
            "1.2.3-SNAPSHOT",
            "bff-test-registry-token",
            Duration.ofMillis(50),
            Duration.ofMillis(200),
            rejectedRetry,
            Duration.ofSeconds(5));
    return registration;
  }

  @Test
  void putsTheManifestAndRetriesWhileTheRegistryFails() {
    var calls = new AtomicInteger();
    registry.answer(r ->
        calls.incrementAndGet() <= 2
            ? Response.json(503, "")
            : Response.json(
                200,
                "{\"client\":\"bff-test\",\"clientVersion\":\"1.2.3-SNAPSHOT\",\"operations\":1}"));
    var health =
        new PersistedOperationsHealthIndicator(registration(Duration.ofSeconds(60)), OPERATIONS);
    assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);

    registration.start();

    await().atMost(Duration.ofSeconds(5)).until(registration::registered);
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    assertThat(registry.requests()).hasSize(3);
    var put = registry.requests().getLast();
    assertThat(put.method()).isEqualTo("PUT");
    assertThat(put.path()).isEqualTo("/clients/bff-test/versions/1.2.3-SNAPSHOT/manifest");
    assertThat(put.header("Content-Type")).startsWith("application/json");
    assertThat(put.header("Authorization")).isEqualTo("Bearer bff-test-registry-token");
    assertThat(put.body()).isEqualTo(OPERATIONS.manifestJson());
    assertThat(registration.state().attempts()).isEqualTo(3);
  }

  @Test
  void aRejectedManifestStaysDownAndIsRetriedSlowly() throws Exception {
    registry.answer(r ->
        Response.json(
            400,
            "{\"message\":\"1 operation(s) do not validate against the current supergraph\","
                + "\"problems\":[\"Categories: Cannot query field\"]}"));
    var health =
        new PersistedOperationsHealthIndicator(registration(Duration.ofMillis(700)), OPERATIONS);

    registration.start();

    await().atMost(Duration.ofSeconds(5)).until(() -> registration.state().attempts() >= 1);
    Thread.sleep(300);
    assertThat(registry.requests()).hasSize(1);
    assertThat(registration.registered()).isFalse();
    var down = health.health();
    assertThat(down.getStatus()).isEqualTo(Status.DOWN);
    assertThat(down.getDetails().get("lastError").toString()).contains("do not validate");
    await().atMost(Duration.ofSeconds(5)).until(() -> registry.requests().size() >= 2);
  }

  @Test
  void aRefusedCredentialStaysDownSayingSo() {
    registry.answer(r ->
        Response.json(
            403, "{\"detail\":\"bff-mobile (client) may not register manifests of bff-test\"}"));
    var health =
        new PersistedOperationsHealthIndicator(registration(Duration.ofSeconds(60)), OPERATIONS);

    registration.start();

    await().atMost(Duration.ofSeconds(5)).until(() -> registration.state().attempts() >= 1);
    assertThat(registration.registered()).isFalse();
    assertThat(registration.state().lastStatus()).isEqualTo(403);
    assertThat(registration.state().lastError()).startsWith("refused").contains("may not register");
    assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
  }

  @Test
  void anUnreachableRegistryIsRetried() {
    registry.close();
    registration(Duration.ofSeconds(60)).start();
    await().atMost(Duration.ofSeconds(5)).until(() -> registration.state().attempts() >= 3);
    assertThat(registration.registered()).isFalse();
    assertThat(registration.state().lastError()).startsWith("unreachable");
  }
}
