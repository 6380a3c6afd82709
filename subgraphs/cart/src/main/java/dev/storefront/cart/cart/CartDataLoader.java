package dev.storefront.cart.cart;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.dataloader.MappedBatchLoader;

/** Carts of many users: one Redis MGET, then one statement for those not cached. */
@DgsDataLoader(name = "carts")
public class CartDataLoader implements MappedBatchLoader<String, StoredCart> {

  private final CartStore carts;

  public CartDataLoader(CartStore carts) {
    this.carts = carts;
  }

  @Override
  public CompletionStage<Map<String, StoredCart>> load(Set<String> userIds) {
    return carts.loadAll(userIds).contextCapture().toFuture();
  }
}
