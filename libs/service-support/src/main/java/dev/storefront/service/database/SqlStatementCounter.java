package dev.storefront.service.database;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.proxy.core.QueryExecutionInfo;
import io.r2dbc.proxy.listener.ProxyExecutionListener;

/**
 * Counts every SQL statement the service sends through R2DBC. Published as the metric {@code
 * storefront.db.statements} so the N+1 bound ("statements per request do not grow with the number
 * of items") can be checked on a running service, not only in tests.
 */
public class SqlStatementCounter implements ProxyExecutionListener {

  public static final String METRIC = "storefront.db.statements";

  /**
   * Statements starting with this comment are the service's own polling (outbox relay, sweepers),
   * counted apart ({@code work="background"}) so request counts stay exact.
   */
  public static final String BACKGROUND = "/* storefront:background */ ";

  private final Counter counter;
  private final Counter background;

  public SqlStatementCounter(MeterRegistry registry) {
    this.counter =
        Counter.builder(METRIC)
            .description("SQL statements executed through R2DBC")
            .tag("work", "request")
            .register(registry);
    this.background =
        Counter.builder(METRIC)
            .description("SQL statements executed through R2DBC")
            .tag("work", "background")
            .register(registry);
  }

  @Override
  public void afterQuery(QueryExecutionInfo execInfo) {
    for (var query : execInfo.getQueries()) {
      (query.getQuery().startsWith(BACKGROUND) ? background : counter).increment();
    }
  }

  public long count() {
    return (long) counter.count();
  }
}
