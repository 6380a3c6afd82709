package dev.storefront.graphql.dataloader;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * For batch loaders whose absent rows mean a value, not "nothing" (no stock row = no stock, no
 * reviews = count 0): fills the keys the database did not return.
 */
public final class AbsentKeys {

  private AbsentKeys() {}

  public static <K, V> Map<K, V> filled(Map<K, V> found, Set<K> keys, Function<K, V> absent) {
    var all = new HashMap<>(found);
    keys.forEach(key -> all.computeIfAbsent(key, absent));
    return all;
  }
}
