package dev.storefront.bff.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A local HTTP server for tests, standing in for the router or the schema registry: answers with a
 * function of the request and records every request. Shared with the BFFs through bff-support's
 * test jar.
 */
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

  /**
   * What to answer. One chunk is sent with its length; several are streamed with a flush between
   * each (event streams). A negative {@code status} closes the connection without an answer (the
   * process died mid-request).
   */
  public record Response(int status, String contentType, List<String> chunks, long delayMillis) {
    public static Response json(int status, String body) {
      return of(status, "application/json", body);
    }

    public static Response of(int status, String contentType, String body) {
      return new Response(status, contentType, List.of(body), 0);
    }

    /** The connection closes without an answer. */
    public static Response dropped() {
      return new Response(-1, "application/json", List.of(), 0);
    }

    /** The same answer, sent after a pause. */
    public Response after(long millis) {
      return new Response(status, contentType, chunks, millis);
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private volatile Function<Request, Response> answer = r -> Response.json(404, "");

  public StubHttpServer() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/", this::handle);
    server.start();
  }

  private void handle(HttpExchange exchange) throws IOException {
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
      if (response.status() >= 0) {
        send(exchange, response);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException | RuntimeException e) {
      // The client went away (e.g. it timed out), or the test's answer failed: nothing to send.
    } finally {
      exchange.close();
    }
  }

  private static void send(HttpExchange exchange, Response response) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", response.contentType());
    List<String> chunks = response.chunks();
    if (chunks.size() == 1 || chunks.stream().allMatch(String::isEmpty)) {
      byte[] bytes = String.join("", chunks).getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
      return;
    }
    exchange.sendResponseHeaders(response.status(), 0);
    try (OutputStream out = exchange.getResponseBody()) {
      for (String chunk : chunks) {
        out.write(chunk.getBytes(StandardCharsets.UTF_8));
        out.flush();
      }
    }
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
