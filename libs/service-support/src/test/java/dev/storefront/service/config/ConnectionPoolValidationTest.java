package dev.storefront.service.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import java.io.IOException;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.r2dbc.autoconfigure.R2dbcAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.ClassPathResource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The pool settings of service-defaults.yml on the real PostgreSQL: when the server drops the
 * pool's connections (as on a restart), the next statements through the pool still succeed.
 */
class ConnectionPoolValidationTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private final String applicationName =
      "pool-test-" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  void afterTheServerDroppedThePoolsConnectionsTheNextQueriesSucceed() {
    contextRunner()
        .run(context -> {
          ConnectionFactory pool = context.getBean(ConnectionFactory.class);
          // Two connections open and back in the pool.
          assertThat(Flux.merge(selectOne(pool), selectOne(pool)).collectList().block(WAIT))
              .containsExactly(1, 1);

          assertThat(terminateBackends()).isPositive();

          for (int i = 0; i < 4; i++) {
            assertThat(selectOne(pool).block(WAIT)).isEqualTo(1);
          }
          assertThat(
                  Flux.merge(selectOne(pool), selectOne(pool), selectOne(pool))
                      .collectList()
                      .block(WAIT))
              .isEqualTo(List.of(1, 1, 1));
        });
  }

  private ApplicationContextRunner contextRunner() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(R2dbcAutoConfiguration.class))
        .withInitializer(context -> {
          try {
            new YamlPropertySourceLoader()
                .load(
                    "defaults",
                    new ClassPathResource(ServiceDefaultsEnvironmentPostProcessor.RESOURCE))
                .forEach(source -> context.getEnvironment().getPropertySources().addLast(source));
          } catch (IOException e) {
            throw new IllegalStateException(e);
          }
        })
        .withPropertyValues(
            "storefront.database.name=postgres",
            "spring.r2dbc.properties.applicationName=" + applicationName);
  }

  private static Mono<Integer> selectOne(ConnectionFactory pool) {
    return Mono.usingWhen(
        pool.create(),
        (Connection connection) ->
            Flux.from(connection.createStatement("SELECT 1").execute())
                .flatMap(result -> result.map(row -> row.get(0, Integer.class)))
                .single(),
        Connection::close);
  }

  /** What a PostgreSQL restart does to the pool, without restarting the machine's server. */
  private int terminateBackends() throws SQLException {
    try (var connection =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/postgres", "postgres", "");
        var statement =
            connection.prepareStatement(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE application_name = ? AND pid <> pg_backend_pid()")) {
      statement.setString(1, applicationName);
      try (var result = statement.executeQuery()) {
        result.next();
        return result.getInt(1);
      }
    }
  }
}
