package dev.storefront.service.database;

import java.util.List;
import org.flywaydb.core.Flyway;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

/**
 * Flyway's migration is the first thing that touches the database at start-up, so this is where the
 * database gets created when it is missing. Libraries' own tables ({@link ModuleMigration}) follow
 * the service's migrations.
 */
public class CreateDatabaseThenMigrate implements FlywayMigrationStrategy {

  private final DatabaseCreator creator;
  private final List<ModuleMigration> modules;

  public CreateDatabaseThenMigrate(DatabaseCreator creator, List<ModuleMigration> modules) {
    this.creator = creator;
    this.modules = modules;
  }

  @Override
  public void migrate(Flyway flyway) {
    creator.createIfMissing();
    flyway.migrate();
    for (ModuleMigration module : modules) {
      Flyway.configure()
          .dataSource(flyway.getConfiguration().getDataSource())
          .table(module.historyTable())
          .locations(module.location())
          // The service's tables are already there: start this history at 0 instead of refusing.
          .baselineOnMigrate(true)
          .baselineVersion("0")
          .load()
          .migrate();
    }
  }
}
