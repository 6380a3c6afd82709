package dev.storefront.testsupport;

import dev.storefront.service.database.SqlStatementCounter;

/** How many SQL statements a piece of work sent, read from the service's own counter. */
public final class SqlStatements {

  private SqlStatements() {}

  public static long countDuring(SqlStatementCounter counter, Runnable work) {
    long before = counter.count();
    work.run();
    return counter.count() - before;
  }
}
