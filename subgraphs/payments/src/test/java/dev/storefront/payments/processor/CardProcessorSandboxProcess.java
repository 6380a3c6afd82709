package dev.storefront.payments.processor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real card processor sandbox ({@code sandboxes/card-processor}) run from its jar as a child
 * process of the test JVM, on a free port of 127.0.0.1, for one test class: register it as a {@code
 * static} {@code @RegisterExtension} field; it is started before the class's Spring context is
 * loaded (so {@link #url()} can feed a {@code @DynamicPropertySource}) and stopped after the class.
 * Its API key, webhook secret and admin token are new for every run, so payments only gets through
 * to it, and only accepts its webhooks, when the test configures payments with the same ones. The
 * jar comes from the system property {@value #JAR_PROPERTY} (set by payments' pom); its output goes
 * to a log file next to it in {@value #LOG_DIR_PROPERTY}.
 */
public final class CardProcessorSandboxProcess implements BeforeAllCallback, AfterAllCallback {

  public static final String JAR_PROPERTY = "storefront.card-processor-sandbox.jar";
  public static final String LOG_DIR_PROPERTY = "storefront.card-processor-sandbox.log-dir";

  // A loaded build machine has taken tens of seconds to start a Spring Boot application.
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  // The sandbox shuts down gracefully (10 s per phase) on SIGTERM.
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
  // Another process can take the free port between our check and the sandbox's bind.
  private static final int START_ATTEMPTS = 3;
  // Until the test names payments' webhook URL (reset): a port nobody listens on, never 4007.
  private static final String NO_WEBHOOK_YET = "http://127.0.0.1:9/webhooks/not-configured";

  private final String apiKey = "sk_test_" + randomHex();
  private final String webhookSecret = "whsec_" + randomHex();
  private final String adminToken = randomHex();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final JsonMapper json = JsonMapper.builder().build();

  private Process process;
  private Thread killOnExit;
  private int port;
  private Path log;

  /** An intent as {@code GET /sandbox/payment_intents} lists it. */
  public record SandboxIntent(
      String id, String status, String amount, String currency, String failureCode) {}

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    stop();
  }

  /** The base URL of its API, e.g. {@code http://127.0.0.1:41234}. */
  public String url() {
    if (process == null) {
      throw new IllegalStateException("the card processor sandbox is not running");
    }
    return "http://127.0.0.1:" + port;
  }

  /** The bearer token of its {@code /v1} API (payments.processor.api-key). */
  public String apiKey() {
    return apiKey;
  }

  /** The HMAC key of its webhook signatures (payments.processor.webhook-secret). */
  public String webhookSecret() {
    return webhookSecret;
  }

  /**
   * {@code POST /sandbox/reset} (forgets intents and keys, stops pending redeliveries, restores the
   * start settings: 200 ms ± 25 % until an intent is decided, no declines, no errors, no outage),
   * then sends its webhooks to {@code webhookUrl}.
   */
  public void reset(String webhookUrl) {
    admin("POST", "/sandbox/reset", null);
    configure(Map.of("webhookUrl", webhookUrl));
  }

  /** {@code PUT /sandbox/config} with these knobs (latencyMs, declineRate, errorRate, ...). */
  public void configure(Map<String, ?> knobs) {
    admin("PUT", "/sandbox/config", json.writeValueAsString(knobs));
  }

  /** The intents with this reference (payments' order id), oldest first. */
  public List<SandboxIntent> intents(String reference) {
    JsonNode list =
        json.readTree(
            admin(
                "GET",
                "/sandbox/payment_intents?reference="
                    + URLEncoder.encode(reference, StandardCharsets.UTF_8),
                null));
    List<SandboxIntent> intents = new ArrayList<>();
    for (JsonNode intent : list) {
      intents.add(
          new SandboxIntent(
              intent.path("id").asString(),
              intent.path("status").asString(),
              intent.path("amount").asString(),
              intent.path("currency").asString(),
              intent.hasNonNull("failure_code") ? intent.get("failure_code").asString() : null));
    }
    return intents;
  }

  private void start() throws IOException, InterruptedException {
    Path jar = jar();
    Path logDir =
        Path.of(System.getProperty(LOG_DIR_PROPERTY, System.getProperty("java.io.tmpdir")));
    Files.createDirectories(logDir);
    for (int attempt = 1; ; attempt++) {
      port = freePort();
      log = logDir.resolve("card-processor-sandbox-" + port + ".log");
      ProcessBuilder builder =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  // Faster start, less CPU taken from the tests on a busy machine.
                  "-XX:TieredStopAtLevel=1",
                  "-jar",
                  jar.toString())
              .directory(logDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile());
      Map<String, String> env = builder.environment();
      // Knobs exported in the developer's shell must not change the sandbox the tests expect.
      env.keySet().removeIf(name -> name.startsWith("SANDBOX_"));
      env.put("SANDBOX_PORT", String.valueOf(port));
      env.put("SANDBOX_API_KEY", apiKey);
      env.put("SANDBOX_WEBHOOK_SECRET", webhookSecret);
      env.put("SANDBOX_ADMIN_TOKEN", adminToken);
      env.put("SANDBOX_WEBHOOK_URL", NO_WEBHOOK_YET);
      process = builder.start();
      killOnExit = new Thread(process::destroyForcibly, "card-processor-sandbox-kill");
      Runtime.getRuntime().addShutdownHook(killOnExit);
      if (awaitReady()) {
        return;
      }
      String output = Files.readString(log);
      stop();
      if (attempt >= START_ATTEMPTS || !output.contains("already in use")) {
        throw new IllegalStateException(
            "the card processor sandbox ("
                + jar
                + ") did not get ready; its output ("
                + log
                + "):\n"
                + output);
      }
    }
  }

  /** True once its readiness probe answers 200; false if it exits or takes too long. */
  private boolean awaitReady() throws InterruptedException {
    HttpRequest probe =
        HttpRequest.newBuilder(URI.create(url() + "/actuator/health/readiness"))
            .timeout(Duration.ofSeconds(5))
            .build();
    Instant until = Instant.now().plus(START_TIMEOUT);
    while (process.isAlive() && Instant.now().isBefore(until)) {
      try {
        if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return true;
        }
      } catch (IOException notListeningYet) {
        // Still starting.
      }
      Thread.sleep(250);
    }
    return false;
  }

  private void stop() throws InterruptedException {
    if (process == null) {
      return;
    }
    process.destroy();
    if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      process.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException jvmAlreadyExiting) {
      // The hook runs anyway and finds the process gone.
    }
    process = null;
  }

  private String admin(String method, String path, String body) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(url() + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + adminToken)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + " to the card processor sandbox", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  private static Path jar() {
    String property = System.getProperty(JAR_PROPERTY);
    if (property == null || property.isBlank()) {
      throw new IllegalStateException(
          "system property "
              + JAR_PROPERTY
              + " is not set: run the tests through Maven (payments' pom sets it to the sandbox's"
              + " jar), or set it to sandboxes/card-processor/target/card-processor-sandbox.jar");
    }
    Path jar = Path.of(property).toAbsolutePath().normalize();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "the card processor sandbox's jar "
              + jar
              + " is missing: build it first, e.g. mvn -B -q verify -pl subgraphs/payments -am"
              + " (which builds the sandbox before payments)");
    }
    return jar;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String randomHex() {
    byte[] bytes = new byte[16];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
