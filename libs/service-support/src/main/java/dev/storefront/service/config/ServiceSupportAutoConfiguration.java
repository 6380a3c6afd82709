package dev.storefront.service.config;

import dev.storefront.service.database.CreateDatabaseThenMigrate;
import dev.storefront.service.database.DatabaseCreator;
import dev.storefront.service.database.ModuleMigration;
import dev.storefront.service.database.SqlStatementCounter;
import dev.storefront.service.profile.DeploymentProfile;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.Location;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.r2dbc.autoconfigure.ProxyConnectionFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * What every Storefront service gets by depending on service-support. The database part applies
 * only when the database libraries are on the classpath (every subgraph has them through this
 * library); a service without a database (the BFFs) excludes them and keeps the rest.
 */
@AutoConfiguration
public class ServiceSupportAutoConfiguration {

  static final String DEMO_DATA_LOCATION = "classpath:db/demo";

  /** development or production (STOREFRONT_PROFILE): what a service may start with. */
  @Bean
  DeploymentProfile deploymentProfile(Environment environment) {
    return DeploymentProfile.of(environment);
  }

  /** Creates the service's database, migrates it and loads the demo data (Flyway over JDBC). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(
      name = {
        "org.flywaydb.core.Flyway",
        "org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy"
      })
  static class DatabaseMigration {

    @Bean
    FlywayMigrationStrategy createDatabaseThenMigrate(
        @Value("${spring.flyway.url}") String url,
        @Value("${spring.flyway.user:postgres}") String user,
        @Value("${spring.flyway.password:}") String password,
        @Value("${storefront.database.maintenance-database:postgres}") String maintenanceDatabase,
        ObjectProvider<ModuleMigration> modules) {
      return new CreateDatabaseThenMigrate(
          new DatabaseCreator(url, user, password, maintenanceDatabase),
          modules.orderedStream().toList());
    }

    /** Demo data includes a known administrator password: never in production. */
    @Bean
    @ConditionalOnBooleanProperty(name = "storefront.demo-data.enabled", matchIfMissing = true)
    FlywayConfigurationCustomizer loadDemoData(DeploymentProfile profile) {
      profile.refuse(
          true,
          "demo data (with its demo administrator) is enabled; set STOREFRONT_DEMO_DATA_ENABLED=false");
      return configuration -> {
        var locations = new ArrayList<>(List.of(configuration.getLocations()));
        locations.add(new Location(DEMO_DATA_LOCATION));
        configuration.locations(locations.toArray(Location[]::new));
      };
    }
  }

  /** Counts the SQL statements sent through R2DBC (metric {@code storefront.db.statements}). */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(
      name = {
        "io.r2dbc.proxy.listener.ProxyExecutionListener",
        "org.springframework.boot.r2dbc.autoconfigure.ProxyConnectionFactoryCustomizer"
      })
  static class SqlStatementMetrics {

    @Bean
    SqlStatementCounter sqlStatementCounter(MeterRegistry registry) {
      return new SqlStatementCounter(registry);
    }

    @Bean
    ProxyConnectionFactoryCustomizer countSqlStatements(SqlStatementCounter counter) {
      return builder -> builder.listener(counter);
    }
  }
}
