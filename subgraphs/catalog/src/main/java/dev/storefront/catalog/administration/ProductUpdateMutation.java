package dev.storefront.catalog.administration;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.InputArgument;
import dev.storefront.catalog.product.Product;
import dev.storefront.graphql.error.ClientError;
import dev.storefront.graphql.identity.CurrentUser;
import dev.storefront.graphql.pagination.EntityIds;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Mono;

@DgsComponent
public class ProductUpdateMutation {

  private final DatabaseClient db;

  public ProductUpdateMutation(DatabaseClient db) {
    this.db = db;
  }

  @DgsMutation
  public CompletableFuture<Product> updateProduct(
      @InputArgument String id,
      @InputArgument("input") Map<String, Object> input,
      DgsDataFetchingEnvironment env) {
    // The router enforces @requiresScopes too; the subgraph does not rely on it alone.
    CurrentUser.requireScope(env, CurrentUser.ADMIN_SCOPE);
    long productId =
        EntityIds.parse(id).orElseThrow(() -> ClientError.notFound("no product has id " + id));
    ProductUpdate update = ProductUpdate.fromArgument(input);
    // COALESCE keeps what the input leaves out, in one statement.
    var statement =
        db.sql(
                "UPDATE products SET name = COALESCE(:name, name),"
                    + " description = COALESCE(:description, description),"
                    + " price_amount = COALESCE(:price, price_amount),"
                    + " weight_grams = COALESCE(:weight, weight_grams)"
                    + " WHERE id = :id RETURNING id, sku, name, description, price_amount,"
                    + " currency_code, weight_grams, category_id, created_at")
            .bind("id", productId);
    statement = bindNullable(statement, "name", update.name(), String.class);
    statement = bindNullable(statement, "description", update.description(), String.class);
    statement = bindNullable(statement, "price", update.priceAmount(), BigDecimal.class);
    statement = bindNullable(statement, "weight", update.weightGrams(), Integer.class);
    return statement
        .map(row ->
            new Product(
                row.get("id", Long.class),
                row.get("sku", String.class),
                row.get("name", String.class),
                row.get("description", String.class),
                row.get("price_amount", BigDecimal.class),
                row.get("currency_code", String.class),
                row.get("weight_grams", Integer.class),
                row.get("category_id", Long.class),
                row.get("created_at", OffsetDateTime.class)))
        .one()
        .switchIfEmpty(Mono.error(() -> ClientError.notFound("no product has id " + id)))
        .contextCapture()
        .toFuture();
  }

  private static <T> DatabaseClient.GenericExecuteSpec bindNullable(
      DatabaseClient.GenericExecuteSpec spec, String name, T value, Class<T> type) {
    return value == null ? spec.bindNull(name, type) : spec.bind(name, value);
  }
}
