package dev.storefront.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Breaking a part of the running platform and bringing it back, as an operator on the machine
 * would: on 127.0.0.1 only, every step bounded in time. Each fault answers the moment the part was
 * back (ready again); whatever a fault took down and could not bring back, {@link #close} brings
 * back.
 */
final class Faults implements AutoCloseable {

  /** A service starts in about 10 s on two cores; under load and after a kill -9, longer. */
  private static final Duration READY_WITHIN = Duration.ofSeconds(90);

  private static final Duration COMMAND_WITHIN = Duration.ofSeconds(30);
  private static final Set<String> LOCAL = Set.of("127.0.0.1", "localhost");

  /** How the machine runs Redis: what a restart uses when Redis cannot tell (CONFIG GET). */
  private static final Map<String, String> MACHINE_REDIS =
      Map.of(
          "bind", "127.0.0.1 -::1",
          "save", "",
          "appendonly", "no",
          "dir", "/var/lib/redis",
          "logfile", "/var/log/redis/ci.log");

  private interface Recovery {
    void run() throws Exception;
  }

  /** What was taken down and is not back yet, the latest first. */
  private final Deque<Recovery> notBack = new ArrayDeque<>();

  /** kill -9 of a process ./platform runs (kafka or a service), {@code down} long, then started. */
  Instant killAndRestart(String process, Duration down) throws Exception {
    if (process.equals("kafka")) {
      String bootstrap =
          System.getenv().getOrDefault("STOREFRONT_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
      String first = bootstrap.split(",")[0].strip();
      String host = first.contains(":") ? first.substring(0, first.lastIndexOf(':')) : first;
      requireLocal("the Kafka broker", host, bootstrap);
    }
    notBack.push(() -> Commerce.start(process, READY_WITHIN));
    Commerce.kill(process);
    Thread.sleep(down.toMillis());
    Commerce.start(process, READY_WITHIN);
    notBack.pop();
    return Instant.now();
  }

  /**
   * Redis shut down without saving and started again empty, as the machine started it (its own
   * settings, read before the shutdown), with the memory limit ./platform sets.
   */
  Instant restartRedisEmpty() throws Exception {
    String host = System.getenv().getOrDefault("STOREFRONT_REDIS_HOST", "127.0.0.1");
    String port = System.getenv().getOrDefault("STOREFRONT_REDIS_PORT", "6379");
    requireLocal("Redis", host, host + ":" + port);
    List<String> server = redisServer(host, port);
    // A Redis that saves to disk loads its last dump (or append-only file) when it starts; one
    // that lost its data starts empty.
    Path dump =
        Path.of(redisConfig(host, port, "dir", MACHINE_REDIS.get("dir")))
            .resolve(redisConfig(host, port, "dbfilename", "dump.rdb"));
    boolean reloadsData =
        Files.exists(dump)
            || redisConfig(host, port, "appendonly", MACHINE_REDIS.get("appendonly")).equals("yes");
    // What ./platform sets on Redis (limit_redis_memory): a Redis started anew has neither.
    String maxmemory = redisConfig(host, port, "maxmemory", "");
    List<List<String>> limits =
        List.of(
            List.of(
                "CONFIG",
                "SET",
                "maxmemory",
                maxmemory.isEmpty() || maxmemory.equals("0")
                    ? System.getenv().getOrDefault("STOREFRONT_REDIS_MAXMEMORY", "512mb")
                    : maxmemory),
            List.of("CONFIG", "SET", "maxmemory-policy", "noeviction"));
    Recovery startRedis = () -> startRedis(host, port, server, reloadsData, limits);
    notBack.push(startRedis);
    redisCli(host, port, "SHUTDOWN", "NOSAVE");
    awaitUntil(() -> !redisAnswers(host, port), Duration.ofSeconds(10), "Redis to shut down");
    startRedis.run();
    notBack.pop();
    return Instant.now();
  }

  /** PostgreSQL restarted (its connections cut), then answering again. */
  Instant restartPostgres() throws Exception {
    String host = System.getenv().getOrDefault("STOREFRONT_DATABASE_HOST", "127.0.0.1");
    requireLocal(
        "PostgreSQL",
        host,
        host + ":" + System.getenv().getOrDefault("STOREFRONT_DATABASE_PORT", "5432"));
    String version = postgresVersion();
    notBack.push(() -> {
      if (!databaseAnswers()) {
        Commerce.run(COMMAND_WITHIN, Map.of(), asRoot(pgCtlCluster(version, "start")));
      }
      awaitUntil(Faults::databaseAnswers, Duration.ofSeconds(30), "PostgreSQL to answer");
    });
    Commerce.run(READY_WITHIN, Map.of(), asRoot(pgCtlCluster(version, "restart")));
    awaitUntil(Faults::databaseAnswers, Duration.ofSeconds(30), "PostgreSQL to answer");
    notBack.pop();
    return Instant.now();
  }

  /**
   * Brings back what a fault took down and did not bring back (it failed midway, or the test timed
   * out), so that the tests after it find the platform whole.
   */
  @Override
  public void close() {
    // A test that timed out was interrupted: bringing the part back must not be cut short too.
    boolean interrupted = Thread.interrupted();
    IllegalStateException failure = null;
    try {
      while (!notBack.isEmpty()) {
        try {
          notBack.pop().run();
        } catch (Exception e) {
          if (failure == null) {
            failure = new IllegalStateException("a faulted part could not be brought back", e);
          } else {
            failure.addSuppressed(e);
          }
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    if (failure != null) {
      throw failure;
    }
  }

  private static void requireLocal(String part, String host, String address) {
    if (!LOCAL.contains(host)) {
      throw new IllegalStateException(
          "refusing to fault "
              + part
              + " at "
              + address
              + ": the chaos tests only break parts on 127.0.0.1 / localhost");
    }
  }

  /** The command line that starts Redis as it runs now. */
  private static List<String> redisServer(String host, String port)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("redis-server", "--daemonize", "yes"));
    command.add("--bind");
    command.addAll(words(redisConfig(host, port, "bind", MACHINE_REDIS.get("bind"))));
    command.addAll(List.of("--port", port));
    List<String> save = words(redisConfig(host, port, "save", MACHINE_REDIS.get("save")));
    command.add("--save");
    command.addAll(save.isEmpty() ? List.of("") : save);
    for (String name : List.of("appendonly", "dir", "logfile")) {
      command.addAll(List.of("--" + name, redisConfig(host, port, name, MACHINE_REDIS.get(name))));
    }
    String pidfile = redisConfig(host, port, "pidfile", "");
    if (!pidfile.isEmpty()) {
      command.addAll(List.of("--pidfile", pidfile));
    }
    return command;
  }

  /** Starts Redis unless it answers (empty), then sets the limits. */
  private static void startRedis(
      String host, String port, List<String> server, boolean reloadsData, List<List<String>> limits)
      throws Exception {
    if (!redisAnswers(host, port)) {
      Commerce.run(COMMAND_WITHIN, Map.of(), server);
      awaitUntil(() -> redisAnswers(host, port), Duration.ofSeconds(20), "Redis to answer PING");
      if (reloadsData) {
        redisCli(host, port, "FLUSHALL");
      }
    }
    for (List<String> limit : limits) {
      redisCli(host, port, limit.toArray(String[]::new));
    }
  }

  private static String redisConfig(String host, String port, String name, String fallback) {
    try {
      // --raw: "name\nvalue\n"; an empty value is an empty line.
      List<String> lines = redisCli(host, port, "CONFIG", "GET", name).lines().toList();
      return lines.size() >= 2 ? lines.get(1).strip() : fallback;
    } catch (IOException | RuntimeException e) {
      return fallback;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static boolean redisAnswers(String host, String port) {
    try {
      return redisCli(host, port, "PING").strip().equals("PONG");
    } catch (IOException | RuntimeException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String redisCli(String host, String port, String... arguments)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("redis-cli", "--raw", "-h", host, "-p", port));
    command.addAll(Arrays.asList(arguments));
    return Commerce.run(Duration.ofSeconds(10), Map.of(), command);
  }

  private static List<String> words(String value) {
    return value.isBlank() ? List.of() : List.of(value.strip().split("\\s+"));
  }

  /** The newest cluster version, as ./platform picks it (ls /etc/postgresql | sort -V). */
  private static String postgresVersion() throws IOException {
    try (Stream<Path> versions = Files.list(Path.of("/etc/postgresql"))) {
      return versions
          .map(path -> path.getFileName().toString())
          .filter(name -> name.matches("\\d+(\\.\\d+)?"))
          .max(Comparator.comparingDouble(Double::parseDouble))
          .orElseThrow(() -> new IllegalStateException("no PostgreSQL cluster in /etc/postgresql"));
    }
  }

  /** Fast mode: the server cuts its connections instead of waiting for the clients to leave. */
  private static List<String> pgCtlCluster(String version, String action) {
    return List.of(
        "pg_ctlcluster", "--skip-systemctl-redirect", "--mode", "fast", version, "main", action);
  }

  /** As ./platform does (as_root): directly as root, else through sudo (never asking). */
  private static List<String> asRoot(List<String> command) {
    if (System.getProperty("user.name").equals("root")) {
      return command;
    }
    List<String> withSudo = new ArrayList<>(List.of("sudo", "-n"));
    withSudo.addAll(command);
    return withSudo;
  }

  private static boolean databaseAnswers() {
    try (var orders = Databases.connect("orders");
        var statement = orders.createStatement()) {
      statement.execute("SELECT 1");
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  private interface Condition {
    boolean holds() throws Exception;
  }

  private static void awaitUntil(Condition condition, Duration within, String what)
      throws Exception {
    long until = System.nanoTime() + within.toNanos();
    while (!condition.holds()) {
      if (System.nanoTime() > until) {
        throw new IllegalStateException("waited " + within + " for " + what);
      }
      Thread.sleep(250);
    }
  }
}
