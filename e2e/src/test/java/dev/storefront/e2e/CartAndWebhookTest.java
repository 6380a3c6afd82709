package dev.storefront.e2e;

import static dev.storefront.e2e.Commerce.as;
import static dev.storefront.e2e.Commerce.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The cart's Redis copy is only a copy; the card processor's webhooks must be genuine and fresh.
 */
class CartAndWebhookTest {

  @Test
  void aCartSurvivesLosingItsRedisCopy() throws IOException {
    String user = "896";
    Commerce.fillCart(user, "42", 3);
    assertThat(redis("DEL", "storefront:cart:" + user)).isEqualTo(":1");
    var cart =
        ok(as(user, "{ user(id: \"896\") { cart { totalQuantity items { product { id } } } } }"));
    assertThat(cart.at("/user/cart/totalQuantity").asInt()).isEqualTo(3);
    assertThat(cart.at("/user/cart/items/0/product/id").asString()).isEqualTo("42");
    // Read back from PostgreSQL, the cart is in Redis again.
    assertThat(redis("EXISTS", "storefront:cart:" + user)).isEqualTo(":1");
  }

  @Test
  void forgedStaleOrUnsignedWebhooksAreRefused() throws Exception {
    String body =
        "{\"id\":\"evt_forged\",\"type\":\"payment_intent.succeeded\",\"data\":{\"object\":"
            + "{\"id\":\"pi_x\",\"reference\":\"00000000-0000-0000-0000-000000000000\"}}}";
    long now = Instant.now().getEpochSecond();
    assertThat(ProcessorWebhooks.send(body, null)).isEqualTo(400);
    assertThat(
            ProcessorWebhooks.send(body, ProcessorWebhooks.sign("whsec_not_the_secret", now, body)))
        .isEqualTo(400);
    assertThat(
            ProcessorWebhooks.send(
                body, ProcessorWebhooks.sign("whsec_storefront_dev", now - 3600, body)))
        .isEqualTo(400);
    // Genuine and fresh, but for no known payment: refused so the processor delivers again later.
    assertThat(
            ProcessorWebhooks.send(body, ProcessorWebhooks.sign("whsec_storefront_dev", now, body)))
        .isEqualTo(409);
  }

  /** One Redis command over RESP; the first line of the answer. */
  private static String redis(String... command) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", 6379)) {
      StringBuilder request = new StringBuilder("*" + command.length + "\r\n");
      for (String part : command) {
        request.append('$').append(part.getBytes(StandardCharsets.UTF_8).length).append("\r\n");
        request.append(part).append("\r\n");
      }
      OutputStream out = socket.getOutputStream();
      out.write(request.toString().getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      StringBuilder line = new StringBuilder();
      for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
        line.append((char) c);
      }
      return line.toString();
    }
  }
}
