package dev.storefront.cart.cart;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Active carts in Redis, one JSON value per user with a TTL. Writes carry the cart's version and a
 * script refuses to replace a newer copy, so concurrent writers can never leave an old cart behind.
 * Redis being away never fails a request: reads fall back to PostgreSQL.
 */
public class CartCache {

  private static final RedisScript<Long> SET_IF_NEWER =
      RedisScript.of(
          """
          local current = redis.call('GET', KEYS[1])
          if current then
            local ok, decoded = pcall(cjson.decode, current)
            if ok and decoded.version and decoded.version >= tonumber(ARGV[2]) then return 0 end
          end
          redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[3])
          return 1
          """,
          Long.class);

  private final ReactiveStringRedisTemplate redis;
  private final JsonMapper json;
  private final String prefix;
  private final long ttlMillis;

  public CartCache(
      ReactiveStringRedisTemplate redis, JsonMapper json, String namespace, long ttlMillis) {
    this.redis = redis;
    this.json = json;
    this.prefix = namespace + ":cart:";
    this.ttlMillis = ttlMillis;
  }

  /** The cached carts among these users; users missing (or Redis away) are left out. */
  public Mono<Map<String, StoredCart>> getAll(Collection<String> userIds) {
    List<String> users = new ArrayList<>(userIds);
    return redis
        .opsForValue()
        .multiGet(users.stream().map(u -> prefix + u).toList())
        .map(values -> {
          Map<String, StoredCart> found = new HashMap<>();
          for (int i = 0; i < users.size(); i++) {
            String value = values.get(i);
            if (value != null) {
              found.put(users.get(i), json.readValue(value, StoredCart.class));
            }
          }
          return found;
        })
        .onErrorReturn(Map.of());
  }

  public Mono<Void> put(StoredCart cart) {
    return redis
        .execute(
            SET_IF_NEWER,
            List.of(prefix + cart.userId()),
            List.of(
                json.writeValueAsString(cart),
                String.valueOf(cart.version()),
                String.valueOf(ttlMillis)))
        .then()
        .onErrorResume(e -> Mono.empty());
  }
}
