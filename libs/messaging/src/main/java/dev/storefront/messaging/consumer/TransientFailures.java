package dev.storefront.messaging.consumer;

import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcTransientException;
import java.io.IOException;
import java.sql.SQLTransientException;
import java.util.concurrent.TimeoutException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Failures of the infrastructure rather than of the event: PostgreSQL away, a timeout. Such an
 * event is never dead-lettered; its partition waits and retries until they are back.
 */
final class TransientFailures {

  private TransientFailures() {}

  static boolean isTransient(Throwable error) {
    for (Throwable e = error; e != null; e = e.getCause()) {
      if (e instanceof TransientDataAccessException
          || e instanceof DataAccessResourceFailureException
          || e instanceof QueryTimeoutException
          || e instanceof R2dbcTransientException
          || e instanceof R2dbcNonTransientResourceException
          || e instanceof SQLTransientException
          || e instanceof IOException
          || e instanceof TimeoutException) {
        return true;
      }
      if (e.getCause() == e) {
        break;
      }
    }
    return false;
  }
}
