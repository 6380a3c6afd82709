package dev.storefront.bff.mobile;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A local HTTP server standing in for the router or the registry: canned answers, recorded
 * requests.
 */
final class StubServer {

  record Request(String method, String path, Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().getFirst())
          .findFirst()
          .orElse(null);
    }
  }

  record Response(int status, String contentType, String body, long delayMillis) {
    static Response json(int status, String body) {
      return new Response(status, "application/json", body, 0);
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile Function<Request, Response> answer = r -> Response.json(404, "");

  StubServer() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext(
        "/",
        exchange -> {
          var request =
              new Request(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getPath(),
                  Map.copyOf(exchange.getRequestHeaders()),
                  new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          requests.add(request);
          try {
            Response response = answer.apply(request);
            if (response.delayMillis() > 0) {
              Thread.sleep(response.delayMillis());
            }
            if (response.status() < 0) {
              // The process died mid-request: the connection closes without an answer.
              return;
            }
            byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
            if (bytes.length > 0) {
              try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
              }
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (IOException | RuntimeException e) {
            // The client went away, or the test's answer failed: nothing to send.
          } finally {
            exchange.close();
          }
        });
    server.start();
  }

  void answer(Function<Request, Response> answer) {
    this.answer = answer;
  }

  List<Request> requests() {
    return requests;
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }
}
