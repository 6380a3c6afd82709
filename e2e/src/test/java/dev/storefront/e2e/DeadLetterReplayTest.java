package dev.storefront.e2e;

import static dev.storefront.e2e.Commerce.awaitFinal;
import static dev.storefront.e2e.Commerce.checkout;
import static dev.storefront.e2e.Commerce.fillCart;
import static dev.storefront.e2e.Commerce.newKey;
import static dev.storefront.e2e.Commerce.ok;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A poison event as operators meet it: an order for a product inventory has no stock record for
 * cannot be reserved, so its OrderPlaced lands in inventory's dead-letter topic (the order waits,
 * PENDING). Once the stock record exists, {@code ./platform events replay} sends the event again
 * and the order goes through.
 */
class DeadLetterReplayTest {

  private static final String PRODUCT = "9909";

  @BeforeEach
  void processorBehavesNormally() {
    Commerce.sandboxDefaults();
  }

  @Test
  void aPoisonEventIsDeadLetteredAndReplaysToAConfirmedOrderOnceTheCauseIsFixed() throws Exception {
    Commerce.setStock(PRODUCT, 10);
    try (var inventory = Databases.connect("inventory");
        var statement =
            inventory.prepareStatement("DELETE FROM stock_levels WHERE product_id = ?")) {
      statement.setLong(1, Long.parseLong(PRODUCT));
      assertThat(statement.executeUpdate()).isEqualTo(1);
    }
    String user = "171";
    fillCart(user, PRODUCT, 1);
    String orderId = ok(checkout(user, newKey())).at("/checkout/id").asString();

    JsonNode letter = awaitDeadLetter(orderId, Duration.ofSeconds(30));
    assertThat(letter.path("eventType").asString()).isEqualTo("OrderPlaced");
    assertThat(letter.path("exceptionMessage").asString()).contains("no stock record");
    assertThat(Commerce.order(user, orderId).path("status").asString()).isEqualTo("PENDING");

    // The cause fixed: the product gets its stock record; then the event is replayed.
    Commerce.setStock(PRODUCT, 10);
    String replayed =
        events("replay", "--group", "inventory", "--event-id", letter.path("eventId").asString());
    assertThat(replayed).contains(letter.path("eventId").asString());

    JsonNode order = awaitFinal(user, orderId, Duration.ofSeconds(60));
    assertThat(order.path("status").asString()).isEqualTo("CONFIRMED");
    assertThat(Commerce.succeededCharges(orderId)).isEqualTo(1);
    assertThat(Commerce.stock(PRODUCT)).isEqualTo(new Commerce.Stock(9, 0, 9));
    assertThat(deadLetterFor(orderId)).as("replayed letters are no longer listed").isEmpty();
  }

  private static JsonNode awaitDeadLetter(String orderId, Duration timeout) throws Exception {
    long until = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < until) {
      Optional<JsonNode> letter = deadLetterFor(orderId);
      if (letter.isPresent()) {
        return letter.get();
      }
      Commerce.sleep(500);
    }
    throw new AssertionError("no dead letter for order " + orderId + " after " + timeout);
  }

  private static Optional<JsonNode> deadLetterFor(String orderId) throws Exception {
    return events("dead-letters", "--group", "inventory", "--json")
        .lines()
        .filter(line -> line.startsWith("{"))
        .map(Router.JSON::readTree)
        .filter(letter -> orderId.equals(letter.path("orderId").asString()))
        .findFirst();
  }

  /** {@code ./platform events ...}; its output. */
  private static String events(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(Commerce.platform().toString(), "events"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor())
        .as("./platform events %s: %s", String.join(" ", args), output)
        .isZero();
    return output;
  }
}
