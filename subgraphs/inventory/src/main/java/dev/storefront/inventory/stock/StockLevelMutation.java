package dev.storefront.inventory.stock;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.InputArgument;
import dev.storefront.graphql.error.ClientError;
import dev.storefront.graphql.error.ErrorCode;
import dev.storefront.graphql.identity.CurrentUser;
import dev.storefront.graphql.pagination.EntityIds;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.r2dbc.core.DatabaseClient;

@DgsComponent
public class StockLevelMutation {

  static final int MAX_ON_HAND = 1_000_000;

  private final DatabaseClient db;

  public StockLevelMutation(DatabaseClient db) {
    this.db = db;
  }

  @DgsMutation
  public CompletableFuture<Product> setStockLevel(
      @InputArgument String productId,
      @InputArgument Integer onHand,
      DgsDataFetchingEnvironment env) {
    // The router enforces @requiresScopes too; the subgraph does not rely on it alone.
    CurrentUser.requireScope(env, CurrentUser.ADMIN_SCOPE);
    long id =
        EntityIds.parse(productId)
            .orElseThrow(
                () -> ClientError.badUserInput("productId", "no product has id " + productId));
    if (onHand < 0 || onHand > MAX_ON_HAND) {
      throw ClientError.badUserInput("onHand", "onHand must be between 0 and " + MAX_ON_HAND);
    }
    // One statement: the reserved units are compared under the row lock the update takes.
    return db.sql(
            "INSERT INTO stock_levels (product_id, on_hand) VALUES (:id, :onHand)"
                + " ON CONFLICT (product_id) DO UPDATE SET on_hand = :onHand, updated_at = now()"
                + " WHERE stock_levels.reserved <= :onHand RETURNING reserved")
        .bind("id", id)
        .bind("onHand", onHand)
        .map(row -> row.get("reserved", Integer.class))
        .one()
        .switchIfEmpty(
            db.sql("SELECT reserved FROM stock_levels WHERE product_id = :id")
                .bind("id", id)
                .map(row -> row.get("reserved", Integer.class))
                .one()
                .map(reserved -> {
                  throw new ClientError(
                      ErrorCode.CONFLICT,
                      reserved + " units are reserved for orders; onHand cannot be lower",
                      Map.of("reserved", reserved));
                }))
        .map(reserved -> new Product(String.valueOf(id), null, null))
        .contextCapture()
        .toFuture();
  }
}
