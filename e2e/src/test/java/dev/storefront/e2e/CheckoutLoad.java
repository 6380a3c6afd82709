package dev.storefront.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import tools.jackson.databind.JsonNode;

/**
 * The checkout benchmark's load (bench/checkout.mjs), with clients that retry as real ones do: 8
 * shoppers through the router, each with its own 8 demo users taken in turn. A turn fills the
 * user's cart with 1 unit of one of the products and checks out with a fresh idempotency key.
 * Whatever fails on the way (HTTP error, no connection, timeout, a GraphQL error that is not the
 * client's fault) is tried again after a short pause, the checkout always with the same key, until
 * an order comes back or the turn's bound passes. A checkout refused as the client's fault (the
 * cart is empty, a conflict) is recorded as refused, and the shopper moves on.
 */
final class CheckoutLoad implements AutoCloseable {

  static final int SHOPPERS = 8;
  static final int USERS_PER_SHOPPER = 8;

  /** Demo users 101–164: no other end-to-end test uses them (accounts' demo users are 1–1000). */
  static final int FIRST_USER = 101;

  /** How long one turn may take, failures and retries included. */
  static final Duration TURN_BOUND = Duration.ofSeconds(90);

  /**
   * A request started just before a turn's bound may still take the router client's own timeout (60
   * s, {@link Router#send}) to end.
   */
  private static final Duration REQUEST_GRACE = Duration.ofSeconds(65);

  /** Answers that are the client's fault: the same request again gets the same answer. */
  private static final Set<String> REFUSALS =
      Set.of("BAD_USER_INPUT", "CONFLICT", "NOT_FOUND", "FORBIDDEN");

  /** One checkout as its client knows it: the key it used, and what came of it. */
  static final class Checkout {
    private final String key;
    private final String user;
    private final String product;

    /** Set once the cart is filled: from then on only the checkout is retried, never the cart. */
    private volatile boolean cartFilled;

    private volatile String orderId;
    private volatile Instant answeredAt;
    private volatile String refusal;
    private volatile int failedAttempts;
    private volatile String lastFailure;

    private Checkout(String user, String product) {
      this.key = Commerce.newKey();
      this.user = user;
      this.product = product;
    }

    String key() {
      return key;
    }

    String user() {
      return user;
    }

    String product() {
      return product;
    }

    /** The order the checkout answered with; null while unanswered. */
    String orderId() {
      return orderId;
    }

    Instant answeredAt() {
      return answeredAt;
    }

    /** Why the checkout was refused as the client's fault; null if it was not. */
    String refusal() {
      return refusal;
    }

    int failedAttempts() {
      return failedAttempts;
    }

    String lastFailure() {
      return lastFailure;
    }

    boolean unanswered() {
      return orderId == null && refusal == null;
    }

    @Override
    public String toString() {
      return "checkout "
          + key
          + " of user "
          + user
          + " (1 x product "
          + product
          + (orderId != null ? ", order " + orderId : "")
          + (refusal != null ? ", refused: " + refusal : "")
          + ", "
          + failedAttempts
          + " failed attempts"
          + (lastFailure != null ? ", last: " + lastFailure : "")
          + ")";
    }
  }

  private final List<String> products;
  private final Queue<Checkout> checkouts = new ConcurrentLinkedQueue<>();
  private final LongAdder failedRequests = new LongAdder();
  private final List<Shopper> shoppers = new ArrayList<>();
  private final ExecutorService threads = Executors.newFixedThreadPool(SHOPPERS);
  private volatile boolean stopping;

  CheckoutLoad(List<String> products) {
    this.products = List.copyOf(products);
  }

  /** Every user of the load: {@value #SHOPPERS} × {@value #USERS_PER_SHOPPER} from user 101. */
  static List<String> users() {
    List<String> users = new ArrayList<>();
    for (int i = 0; i < SHOPPERS * USERS_PER_SHOPPER; i++) {
      users.add(String.valueOf(FIRST_USER + i));
    }
    return users;
  }

  void start() {
    List<String> users = users();
    for (int i = 0; i < SHOPPERS; i++) {
      Shopper shopper =
          new Shopper(users.subList(i * USERS_PER_SHOPPER, (i + 1) * USERS_PER_SHOPPER));
      shoppers.add(shopper);
      shopper.running = threads.submit(shopper::shop);
    }
  }

  /**
   * Lets every shopper finish its current turn and waits for it, up to that turn's own bound (and
   * the request still in flight at the bound); a shopper still busy then is interrupted.
   */
  void stop() {
    stopping = true;
    for (Shopper shopper : shoppers) {
      long waitNanos =
          Math.max(0, shopper.turnBoundNanos - System.nanoTime()) + REQUEST_GRACE.toNanos();
      try {
        shopper.running.get(waitNanos, TimeUnit.NANOSECONDS);
      } catch (TimeoutException stuck) {
        shopper.running.cancel(true);
      } catch (ExecutionException e) {
        throw new IllegalStateException("a shopper failed", e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    threads.shutdownNow();
  }

  /** Stops at once (a test that failed midway): whatever a shopper was doing is cut off. */
  @Override
  public void close() throws InterruptedException {
    stopping = true;
    threads.shutdownNow();
    threads.awaitTermination(10, TimeUnit.SECONDS);
  }

  /** Every checkout begun, in no particular order. */
  List<Checkout> checkouts() {
    return List.copyOf(checkouts);
  }

  /** The checkouts that got an order back, by order id. */
  Map<String, Checkout> answered() {
    Map<String, Checkout> answered = new LinkedHashMap<>();
    checkouts.stream()
        .filter(checkout -> checkout.orderId != null)
        .forEach(checkout -> answered.put(checkout.orderId, checkout));
    return answered;
  }

  /** The checkouts that got neither an order nor a refusal back: with their last failure. */
  List<Checkout> unanswered() {
    return checkouts.stream().filter(Checkout::unanswered).toList();
  }

  List<Checkout> refused() {
    return checkouts.stream().filter(checkout -> checkout.refusal != null).toList();
  }

  /** Requests that failed and were tried again, over all shoppers. */
  long failedRequests() {
    return failedRequests.sum();
  }

  private final class Shopper {
    private final List<String> users;

    /**
     * A user's checkout that has not been answered yet: the user's next turn goes on with it, so
     * that a later checkout can never take the cart an earlier one is still ordering.
     */
    private final Map<String, Checkout> unansweredOf = new HashMap<>();

    private volatile long turnBoundNanos = System.nanoTime();
    private Future<?> running;

    private Shopper(List<String> users) {
      this.users = users;
    }

    private void shop() {
      for (int turn = 0; !stopping && !Thread.currentThread().isInterrupted(); turn++) {
        String user = users.get(turn % users.size());
        Checkout checkout = unansweredOf.get(user);
        if (checkout == null) {
          String product = products.get(ThreadLocalRandom.current().nextInt(products.size()));
          checkout = new Checkout(user, product);
          checkouts.add(checkout);
        }
        turnBoundNanos = System.nanoTime() + TURN_BOUND.toNanos();
        if (take(checkout, turnBoundNanos)) {
          unansweredOf.remove(user);
        } else {
          unansweredOf.put(user, checkout);
        }
      }
    }

    /** One turn of the checkout; whether it was answered (an order, or a refusal). */
    private boolean take(Checkout checkout, long boundNanos) {
      while (System.nanoTime() < boundNanos) {
        try {
          if (!checkout.cartFilled) {
            Commerce.fillCart(checkout.user, checkout.product, 1);
            checkout.cartFilled = true;
          }
          Router.Response response = Commerce.checkoutOnce(checkout.user, checkout.key);
          String orderId = response.data().path("checkout").path("id").asString("");
          if (!orderId.isEmpty()) {
            checkout.answeredAt = Instant.now();
            checkout.orderId = orderId;
            return true;
          }
          JsonNode error = response.errors().path(0);
          String code = error.path("extensions").path("code").asString("");
          if (REFUSALS.contains(code)) {
            checkout.refusal = code + ": " + error.path("message").asString("");
            return true;
          }
          failed(checkout, "HTTP " + response.status() + " " + response.raw());
        } catch (RuntimeException | AssertionError e) {
          // Commerce.ok fails with an AssertionError on GraphQL errors, Router with an
          // IllegalStateException when nothing answers: both are failed requests to a client.
          if (Thread.currentThread().isInterrupted()) {
            return false;
          }
          failed(checkout, e.toString());
        }
        try {
          Thread.sleep(ThreadLocalRandom.current().nextLong(250, 501));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return false;
    }

    private void failed(Checkout checkout, String failure) {
      failedRequests.increment();
      checkout.failedAttempts++;
      checkout.lastFailure = failure.length() > 500 ? failure.substring(0, 500) + "…" : failure;
      // An expired or refused token: a client signs in again.
      if (failure.contains("UNAUTHENTICATED")) {
        Accounts.forget(checkout.user);
      }
    }
  }
}
