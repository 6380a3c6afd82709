package dev.storefront.catalog.product;

import dev.storefront.graphql.pagination.PageRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.data.r2dbc.core.R2dbcEntityTemplate;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;

/**
 * Pages of products by keyset: each page is one indexed range scan, however deep the client has
 * paged. Page requests for many categories at once are answered by one statement that ranks rows
 * per category, so listing categories with their products does not run a query per category.
 */
@Component
public class ProductSearch {

  static final String COLUMNS =
      "p.id, p.sku, p.name, p.description, p.price_amount, p.currency_code, p.weight_grams,"
          + " p.category_id, p.created_at";

  private final DatabaseClient database;
  private final R2dbcEntityTemplate template;

  public ProductSearch(R2dbcEntityTemplate template) {
    this.template = template;
    this.database = template.getDatabaseClient();
  }

  /** One page matching the filter, with one row more than requested (see Connection). */
  public Flux<Product> page(ProductFilter filter, ProductSort sort, PageRequest page) {
    var conditions = new ArrayList<String>();
    var bindings = new LinkedHashMap<String, Object>();
    if (filter.categoryId() != null) {
      conditions.add("p.category_id = :categoryId");
      bindings.put("categoryId", filter.categoryId());
    }
    if (filter.search() != null) {
      conditions.add("p.search_vector @@ websearch_to_tsquery('english', :search)");
      bindings.put("search", filter.search());
    }
    if (filter.minPrice() != null) {
      conditions.add("p.price_amount >= :minPrice");
      bindings.put("minPrice", filter.minPrice());
    }
    if (filter.maxPrice() != null) {
      conditions.add("p.price_amount <= :maxPrice");
      bindings.put("maxPrice", filter.maxPrice());
    }
    addAfter(sort, page, conditions, bindings);
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM products p"
            + where(conditions)
            + " ORDER BY "
            + sort.orderBy("p.")
            + " LIMIT :limit";
    bindings.put("limit", page.fetchSize());
    return query(sql, bindings);
  }

  /** The same page for each of the categories, in one statement. */
  public Flux<Product> pagePerCategory(List<Long> categoryIds, ProductSort sort, PageRequest page) {
    var conditions = new ArrayList<String>(List.of("p.category_id = ANY(:categoryIds)"));
    var bindings = new LinkedHashMap<String, Object>();
    bindings.put("categoryIds", categoryIds.toArray(Long[]::new));
    addAfter(sort, page, conditions, bindings);
    String sql =
        "SELECT * FROM (SELECT "
            + COLUMNS
            + ", row_number() OVER (PARTITION BY p.category_id ORDER BY "
            + sort.orderBy("p.")
            + ") AS position FROM products p"
            + where(conditions)
            + ") ranked WHERE position <= :limit ORDER BY category_id, position";
    bindings.put("limit", page.fetchSize());
    return query(sql, bindings);
  }

  private static void addAfter(
      ProductSort sort, PageRequest page, List<String> conditions, Map<String, Object> bindings) {
    if (page.after() != null) {
      var position = sort.positionOf(page.after());
      conditions.add(sort.afterCondition("p."));
      bindings.put("afterValue", position.value());
      bindings.put("afterId", position.id());
    }
  }

  private static String where(List<String> conditions) {
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  private Flux<Product> query(String sql, Map<String, Object> bindings) {
    var spec = database.sql(sql);
    for (var binding : bindings.entrySet()) {
      spec = spec.bind(binding.getKey(), binding.getValue());
    }
    return spec.map((row, metadata) -> template.getConverter().read(Product.class, row, metadata))
        .all();
  }
}
