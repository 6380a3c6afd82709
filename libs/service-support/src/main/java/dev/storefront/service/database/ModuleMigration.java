package dev.storefront.service.database;

/**
 * Tables a shared library owns inside a service's database (e.g. the outbox). They are migrated
 * with their own Flyway history table, so a library's versions never collide with the service's own
 * {@code V1__...} files and a library can be added to a service whose database already exists.
 *
 * @param name short name; the history table is {@code flyway_<name>_history}
 * @param location Flyway location of the library's migrations, e.g. {@code classpath:db/messaging}
 */
public record ModuleMigration(String name, String location) {

  public ModuleMigration {
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("module migration name must be lower_snake_case: " + name);
    }
  }

  String historyTable() {
    return "flyway_" + name + "_history";
  }
}
