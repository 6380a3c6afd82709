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

  private final Counter counter;

  public SqlStatementCounter(MeterRegistry registry) {
    this.counter =
        Counter.builder(METRIC)
            .description("SQL statements executed through R2DBC")
            .register(registry);
  }

  @Override
  public void afterQuery(QueryExecutionInfo execInfo) {
    counter.increment(execInfo.getQueries().size());
  }

  public long count() {
    return (long) counter.count();
  }
}
