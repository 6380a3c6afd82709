package dev.storefront.bff.router;

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

/** A tiny HTTP server for tests: answers with a function of the request and records requests. */
public final class StubHttpServer implements AutoCloseable {

  public record Request(
      String method, String path, Map<String, List<String>> headers, String body) {
    public String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().getFirst())
          .findFirst()
          .orElse(null);
    }
  }

  /** What to answer; {@code chunks} are written with a flush between each (event streams). */
  public record Response(int status, String contentType, List<String> chunks, long delayMillis) {
    public static Response json(int status, String body) {
      return new Response(status, "application/json", List.of(body), 0);
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile Function<Request, Response> answer = r -> Response.json(404, "");

  public StubHttpServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
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
          Response response = answer.apply(request);
          try {
            if (response.delayMillis() > 0) {
              Thread.sleep(response.delayMillis());
            }
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.sendResponseHeaders(response.status(), 0);
            try (OutputStream out = exchange.getResponseBody()) {
              for (String chunk : response.chunks()) {
                out.write(chunk.getBytes(StandardCharsets.UTF_8));
                out.flush();
              }
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          } catch (IOException e) {
            // The client went away (e.g. it timed out).
          } finally {
            exchange.close();
          }
        });
    server.start();
  }

  public void answer(Function<Request, Response> answer) {
    this.answer = answer;
  }

  public List<Request> requests() {
    return requests;
  }

  public String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
