package dev.storefront.graphql.registry;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishes the subgraph's schema file (the contract, {@code schema/<name>.graphqls}) to the schema
 * registry once the service is ready, when {@code storefront.registry.publish-on-startup} is true.
 * A rejection is logged with the registry's reason and does not stop the service: the registry
 * keeps serving the last accepted supergraph, so the router is unaffected. The request carries the
 * subgraph's own registry credential ({@code storefront.registry.token}, environment variable
 * {@code STOREFRONT_REGISTRY_TOKEN}): the registry lets a subgraph publish only its own schema.
 */
public class SchemaSelfPublisher implements ApplicationListener<ApplicationReadyEvent> {

  private static final Logger log = LoggerFactory.getLogger(SchemaSelfPublisher.class);

  private final JsonMapper json = JsonMapper.builder().build();
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  @Override
  public void onApplicationEvent(ApplicationReadyEvent event) {
    Environment env = event.getApplicationContext().getEnvironment();
    String name = env.getRequiredProperty("spring.application.name");
    String registry = env.getProperty("storefront.registry.url", "http://127.0.0.1:4010");
    String routingUrl =
        env.getProperty(
            "storefront.registry.routing-url",
            "http://127.0.0.1:" + env.getProperty("local.server.port") + "/graphql");
    String label = env.getProperty("storefront.registry.label", "startup");
    String token = env.getProperty("storefront.registry.token", "");
    if (token.isBlank()) {
      log.warn(
          "No STOREFRONT_REGISTRY_TOKEN: the registry will refuse {}'s schema (it takes writes"
              + " only from its principals)",
          name);
    }
    try {
      String sdl =
          new ClassPathResource("schema/" + name + ".graphqls")
              .getContentAsString(StandardCharsets.UTF_8);
      String body = json.writeValueAsString(Map.of("url", routingUrl, "sdl", sdl, "label", label));
      var request =
          HttpRequest.newBuilder(URI.create(registry + "/subgraphs/" + name + "/publish"))
              .header("content-type", "application/json")
              .timeout(Duration.ofSeconds(60))
              .POST(HttpRequest.BodyPublishers.ofString(body));
      if (!token.isBlank()) {
        request.header("authorization", "Bearer " + token.strip());
      }
      var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      var report = json.readTree(response.body());
      if (response.statusCode() == 200) {
        log.info("Schema registry: {}", report.path("message").asString());
      } else {
        log.error(
            "Schema registry refused {}'s schema (HTTP {}): {}",
            name,
            response.statusCode(),
            report.path("message").asString(report.path("detail").asString(response.body())));
      }
    } catch (IOException | RuntimeException e) {
      log.error(
          "Could not publish {}'s schema to the registry at {}: {}", name, registry, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
