package dev.storefront.service.database;

import org.flywaydb.core.Flyway;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

/**
 * Flyway's migration is the first thing that touches the database at start-up, so this is where the
 * database gets created when it is missing.
 */
public class CreateDatabaseThenMigrate implements FlywayMigrationStrategy {

  private final DatabaseCreator creator;

  public CreateDatabaseThenMigrate(DatabaseCreator creator) {
    this.creator = creator;
  }

  @Override
  public void migrate(Flyway flyway) {
    creator.createIfMissing();
    flyway.migrate();
  }
}
