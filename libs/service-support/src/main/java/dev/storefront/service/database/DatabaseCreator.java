package dev.storefront.service.database;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates a service's own PostgreSQL database when it does not exist yet, so a fresh machine (or a
 * fresh test run) needs nothing but a reachable server. The database name comes from the JDBC URL
 * the service migrates with; the connection to create it goes to the server's maintenance database.
 */
public final class DatabaseCreator {

  private static final Logger log = LoggerFactory.getLogger(DatabaseCreator.class);
  private static final String DUPLICATE_DATABASE = "42P04";
  private static final String UNIQUE_VIOLATION = "23505";

  private final String jdbcUrl;
  private final String user;
  private final String password;
  private final String maintenanceDatabase;

  public DatabaseCreator(String jdbcUrl, String user, String password, String maintenanceDatabase) {
    this.jdbcUrl = jdbcUrl;
    this.user = user;
    this.password = password;
    this.maintenanceDatabase = maintenanceDatabase;
  }

  /** Creates the database named by the JDBC URL unless it exists; safe to call concurrently. */
  public void createIfMissing() {
    String database = databaseName(jdbcUrl);
    String maintenanceUrl = replaceDatabase(jdbcUrl, maintenanceDatabase);
    Properties props = new Properties();
    if (user != null) {
      props.setProperty("user", user);
    }
    if (password != null && !password.isEmpty()) {
      props.setProperty("password", password);
    }
    try (Connection connection = DriverManager.getConnection(maintenanceUrl, props);
        Statement statement = connection.createStatement()) {
      var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?");
      exists.setString(1, database);
      if (exists.executeQuery().next()) {
        return;
      }
      statement.execute("CREATE DATABASE " + quoteIdentifier(database));
      log.info("Created database {}", database);
    } catch (SQLException e) {
      // Another instance may have won the race between the check and the CREATE.
      if (DUPLICATE_DATABASE.equals(e.getSQLState()) || UNIQUE_VIOLATION.equals(e.getSQLState())) {
        return;
      }
      throw new IllegalStateException(
          "Cannot create database '%s' through %s: %s"
              .formatted(database, maintenanceUrl, e.getMessage()),
          e);
    }
  }

  static String databaseName(String jdbcUrl) {
    String path = uriOf(jdbcUrl).getPath();
    if (path == null || path.length() < 2) {
      throw new IllegalArgumentException("JDBC URL names no database: " + jdbcUrl);
    }
    return path.substring(1);
  }

  static String replaceDatabase(String jdbcUrl, String database) {
    URI uri = uriOf(jdbcUrl);
    String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
    String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
    return "jdbc:postgresql://" + uri.getHost() + port + "/" + database + query;
  }

  private static URI uriOf(String jdbcUrl) {
    if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
      throw new IllegalArgumentException("Not a PostgreSQL JDBC URL: " + jdbcUrl);
    }
    return URI.create(jdbcUrl.substring("jdbc:".length()));
  }

  static String quoteIdentifier(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
