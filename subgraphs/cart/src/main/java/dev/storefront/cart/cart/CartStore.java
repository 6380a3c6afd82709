package dev.storefront.cart.cart;

import dev.storefront.graphql.error.ClientError;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Carts in PostgreSQL (the durable copy) with Redis in front ({@link CartCache}). Every change
 * bumps the cart's version in the same transaction and then writes the new cart to Redis.
 */
public class CartStore {

  private final DatabaseClient db;
  private final TransactionalOperator tx;
  private final CartCache cache;
  private final int maxLines;

  public CartStore(DatabaseClient db, TransactionalOperator tx, CartCache cache, int maxLines) {
    this.db = db;
    this.tx = tx;
    this.cache = cache;
    this.maxLines = maxLines;
  }

  /** Carts of these users, from Redis where present, else from PostgreSQL (and then cached). */
  public Mono<Map<String, StoredCart>> loadAll(Collection<String> userIds) {
    return cache
        .getAll(userIds)
        .flatMap(cached -> {
          List<String> missing = userIds.stream().filter(u -> !cached.containsKey(u)).toList();
          if (missing.isEmpty()) {
            return Mono.just(cached);
          }
          return fromDatabase(missing)
              .flatMap(loaded -> {
                Map<String, StoredCart> all = new HashMap<>(cached);
                all.putAll(loaded);
                return Flux.fromIterable(loaded.values())
                    .filter(cart -> cart.version() > 0)
                    .concatMap(cache::put)
                    .then(Mono.just(all));
              });
        });
  }

  public Mono<StoredCart> load(String userId) {
    return loadAll(List.of(userId)).map(carts -> carts.get(userId));
  }

  /** Adds units to a line (creating it); the line may not exceed 99 units. */
  public Mono<StoredCart> add(String userId, long productId, int quantity) {
    return change(
        userId,
        db.sql(
                "INSERT INTO cart_items (user_id, product_id, quantity, added_at)"
                    + " SELECT :u, :p, :q, updated_at FROM carts WHERE user_id = :u"
                    + " ON CONFLICT (user_id, product_id) DO UPDATE"
                    + " SET quantity = cart_items.quantity + EXCLUDED.quantity"
                    + " WHERE cart_items.quantity + EXCLUDED.quantity <= 99")
            .bind("u", userId)
            .bind("p", productId)
            .bind("q", quantity)
            .fetch()
            .rowsUpdated()
            .flatMap(n ->
                n == 1
                    ? Mono.empty()
                    : Mono.error(
                        ClientError.badUserInput(
                            "quantity", "a cart line holds at most 99 units of a product"))));
  }

  /** Sets a line's quantity; 0 removes it. NOT_FOUND when the line does not exist. */
  public Mono<StoredCart> set(String userId, long productId, int quantity) {
    var statement =
        quantity == 0
            ? db.sql("DELETE FROM cart_items WHERE user_id = :u AND product_id = :p")
            : db.sql("UPDATE cart_items SET quantity = :q WHERE user_id = :u AND product_id = :p")
                .bind("q", quantity);
    return change(
        userId,
        statement
            .bind("u", userId)
            .bind("p", productId)
            .fetch()
            .rowsUpdated()
            .flatMap(n ->
                n == 1
                    ? Mono.empty()
                    : Mono.error(
                        ClientError.notFound("product " + productId + " is not in the cart"))));
  }

  public Mono<StoredCart> clear(String userId) {
    return change(
        userId, db.sql("DELETE FROM cart_items WHERE user_id = :u").bind("u", userId).then());
  }

  /**
   * Takes ordered units out of the cart: only from lines that were in it at {@code cartUpdatedAt}
   * (the cart's updatedAt checkout read; null: from every line), so lines added after the checkout
   * stay whole and lines raised after it keep the rest. Runs in the caller's transaction; the
   * caller refreshes Redis after the commit.
   */
  public Mono<Void> removeOrdered(
      String userId, List<StoredCart.Line> ordered, Instant cartUpdatedAt) {
    if (ordered.isEmpty()) {
      return Mono.empty();
    }
    Long[] products = ordered.stream().map(StoredCart.Line::productId).toArray(Long[]::new);
    Integer[] quantities = ordered.stream().map(StoredCart.Line::quantity).toArray(Integer[]::new);
    OffsetDateTime asOf = cartUpdatedAt == null ? null : cartUpdatedAt.atOffset(ZoneOffset.UTC);
    // Lines bought whole go first: lowering the others before would let the delete take them too.
    return ordered(
            db.sql(
                "DELETE FROM cart_items c USING unnest(:p::bigint[], :q::int[]) AS o(p, q)"
                    + " WHERE c.user_id = :u AND c.product_id = o.p AND c.quantity <= o.q"
                    + " AND (CAST(:asOf AS timestamptz) IS NULL OR c.added_at <= :asOf)"),
            userId,
            products,
            quantities,
            asOf)
        .then(
            ordered(
                db.sql(
                    "UPDATE cart_items c SET quantity = c.quantity - o.q"
                        + " FROM unnest(:p::bigint[], :q::int[]) AS o(p, q)"
                        + " WHERE c.user_id = :u AND c.product_id = o.p AND c.quantity > o.q"
                        + " AND (CAST(:asOf AS timestamptz) IS NULL OR c.added_at <= :asOf)"),
                userId,
                products,
                quantities,
                asOf))
        .then(bumpVersion(userId));
  }

  private static Mono<Void> ordered(
      DatabaseClient.GenericExecuteSpec statement,
      String userId,
      Long[] products,
      Integer[] quantities,
      OffsetDateTime asOf) {
    statement = statement.bind("u", userId).bind("p", products).bind("q", quantities);
    return (asOf == null
            ? statement.bindNull("asOf", OffsetDateTime.class)
            : statement.bind("asOf", asOf))
        .then();
  }

  /** Re-reads a cart from PostgreSQL and writes it to Redis (after a change committed). */
  public Mono<Void> refreshCache(String userId) {
    return fromDatabase(List.of(userId)).flatMap(carts -> cache.put(carts.get(userId)));
  }

  private Mono<StoredCart> change(String userId, Mono<Void> statement) {
    Mono<Void> inTransaction =
        bumpVersion(userId)
            .then(statement)
            .then(
                db.sql("SELECT count(*) AS lines FROM cart_items WHERE user_id = :u")
                    .bind("u", userId)
                    .map(row -> row.get("lines", Long.class))
                    .one()
                    .flatMap(lines ->
                        lines > maxLines
                            ? Mono.error(
                                ClientError.badUserInput(
                                    "productId",
                                    "a cart holds at most " + maxLines + " different products"))
                            : Mono.empty()));
    return tx.transactional(inTransaction)
        .then(Mono.defer(() -> fromDatabase(List.of(userId))))
        .map(carts -> carts.get(userId))
        .flatMap(cart -> cache.put(cart).thenReturn(cart));
  }

  /**
   * Every change moves the cart's clock (V2__cart_clock.sql): whole milliseconds, strictly later
   * than the last change even within one millisecond or when the transaction began before it.
   */
  private Mono<Void> bumpVersion(String userId) {
    return db.sql(
            "INSERT INTO carts (user_id, updated_at) VALUES (:u, date_trunc('milliseconds', now()))"
                + " ON CONFLICT (user_id) DO UPDATE SET version = carts.version + 1, updated_at ="
                + " GREATEST(date_trunc('milliseconds', now()),"
                + " carts.updated_at + interval '1 millisecond')")
        .bind("u", userId)
        .then();
  }

  /** One line of a cart, or a cart without lines (productId null), as the join returns it. */
  private record CartRow(
      String userId, long version, OffsetDateTime updatedAt, Long productId, Integer quantity) {}

  private Mono<Map<String, StoredCart>> fromDatabase(List<String> userIds) {
    return db.sql(
            "SELECT c.user_id, c.version, c.updated_at, i.product_id, i.quantity FROM carts c"
                + " LEFT JOIN cart_items i ON i.user_id = c.user_id"
                + " WHERE c.user_id = ANY(:users) ORDER BY c.user_id, i.added_at, i.product_id")
        .bind("users", userIds.toArray(String[]::new))
        .map(row ->
            new CartRow(
                row.get("user_id", String.class),
                row.get("version", Long.class),
                row.get("updated_at", OffsetDateTime.class),
                row.get("product_id", Long.class),
                row.get("quantity", Integer.class)))
        .all()
        .collectList()
        .map(rows -> {
          Map<String, CartRow> headers = new HashMap<>();
          Map<String, List<StoredCart.Line>> lines = new HashMap<>();
          for (CartRow row : rows) {
            headers.putIfAbsent(row.userId(), row);
            List<StoredCart.Line> userLines =
                lines.computeIfAbsent(row.userId(), user -> new ArrayList<>());
            if (row.productId() != null) {
              userLines.add(new StoredCart.Line(row.productId(), row.quantity()));
            }
          }
          Map<String, StoredCart> carts = new HashMap<>();
          for (String user : userIds) {
            CartRow header = headers.get(user);
            carts.put(
                user,
                header == null
                    ? StoredCart.empty(user)
                    : new StoredCart(
                        user, header.version(), header.updatedAt(), List.copyOf(lines.get(user))));
          }
          return carts;
        });
  }
}
