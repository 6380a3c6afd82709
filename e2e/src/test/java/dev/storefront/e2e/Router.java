package dev.storefront.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The running router, as a client sees it: HTTP POST of GraphQL requests. */
final class Router {

  static final URI URL =
      URI.create(System.getProperty("storefront.router.url", "http://127.0.0.1:4000/graphql"));
  static final JsonMapper JSON = JsonMapper.builder().build();

  static {
    // Node closes idle keep-alive connections after 5 s; the client must drop them first, or a
    // POST after a pause goes out on a closed connection and fails.
    System.setProperty("jdk.httpclient.keepalive.timeout", "2");
  }

  static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1) // the h2c upgrade offer makes Node answer 405
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  record Response(int status, JsonNode body, String raw) {
    JsonNode data() {
      return body.path("data");
    }

    JsonNode errors() {
      return body.path("errors");
    }
  }

  static Response post(String query) {
    return post(query, Map.of());
  }

  static Response post(String query, Map<String, Object> variables) {
    return post(query, variables, Map.of());
  }

  /** A GraphQL request with extra headers (e.g. {@code authorization}, {@code x-forwarded-for}). */
  static Response post(String query, Map<String, Object> variables, Map<String, String> headers) {
    return postRaw(
        JSON.writeValueAsString(Map.of("query", query, "variables", variables)), headers);
  }

  static Response postRaw(String body) {
    return postRaw(body, Map.of());
  }

  static Response postRaw(String body, Map<String, String> headers) {
    var allHeaders = new java.util.HashMap<>(headers);
    allHeaders.putIfAbsent("accept", "application/graphql-response+json, application/json");
    return response(send(URL, body, allHeaders));
  }

  static Response response(HttpResponse<String> response) {
    return response(response.statusCode(), response.body());
  }

  static Response response(int status, String body) {
    JsonNode json;
    try {
      json = JSON.readTree(body);
    } catch (RuntimeException notJson) {
      json = JSON.nullNode();
    }
    return new Response(status, json, body);
  }

  /** A JSON POST to any platform endpoint (router, subgraph, registry). */
  static HttpResponse<String> send(URI uri, String json, Map<String, String> headers) {
    var request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(60))
            .header("content-type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    headers.forEach(request::header);
    return exchange(request.build());
  }

  static String get(URI uri) {
    return exchange(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build()).body();
  }

  /** Any request; an endpoint that does not answer fails the test with its address. */
  static HttpResponse<String> exchange(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(request.uri() + " does not answer: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private Router() {}
}
