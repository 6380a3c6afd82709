package dev.storefront.sandbox.cardprocessor;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A merchant's webhook endpoint for tests: records every delivery and answers as planned. */
public final class WebhookReceiver implements AutoCloseable {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** One HTTP request the sandbox made, and what the receiver answered. */
  public record Delivery(
      Instant at, String signature, String contentType, String body, int answered) {

    public JsonNode event() {
      return JSON.readTree(body);
    }

    public String eventType() {
      return event().path("type").asString();
    }

    public String intentId() {
      return event().path("data").path("object").path("id").asString();
    }
  }

  private final HttpServer server;
  private final Queue<Integer> plannedAnswers = new ConcurrentLinkedQueue<>();
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

  private WebhookReceiver(HttpServer server) {
    this.server = server;
  }

  public static WebhookReceiver start() {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      WebhookReceiver receiver = new WebhookReceiver(server);
      server.createContext(
          "/",
          exchange -> {
            String body =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Integer planned = receiver.plannedAnswers.poll();
            int status = planned != null ? planned : 200;
            // Recorded before answering, so whoever sees the answer also sees the record.
            receiver.deliveries.add(
                new Delivery(
                    Instant.now(),
                    exchange.getRequestHeaders().getFirst("Sandbox-Signature"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    body,
                    status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
          });
      server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
      server.start();
      return receiver;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/card-processor";
  }

  /** The next deliveries are answered with these statuses, later ones with 200. */
  public void answerNext(int... statuses) {
    for (int status : statuses) {
      plannedAnswers.add(status);
    }
  }

  public List<Delivery> deliveriesFor(String intentId) {
    return deliveries.stream().filter(d -> intentId.equals(d.intentId())).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
