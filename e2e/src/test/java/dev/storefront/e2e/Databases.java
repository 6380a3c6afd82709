package dev.storefront.e2e;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The platform's databases, as an operator reaches them (STOREFRONT_DATABASE_* like ./platform).
 */
final class Databases {

  private Databases() {}

  static Connection connect(String name) throws SQLException {
    String host = System.getenv().getOrDefault("STOREFRONT_DATABASE_HOST", "127.0.0.1");
    String port = System.getenv().getOrDefault("STOREFRONT_DATABASE_PORT", "5432");
    String user = System.getenv().getOrDefault("STOREFRONT_DATABASE_USERNAME", "postgres");
    String password = System.getenv().getOrDefault("STOREFRONT_DATABASE_PASSWORD", "");
    return DriverManager.getConnection(
        "jdbc:postgresql://" + host + ":" + port + "/" + name, user, password);
  }
}
