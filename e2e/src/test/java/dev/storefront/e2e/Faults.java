package dev.storefront.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The faults production brings, done to this machine's own processes on 127.0.0.1 only: a killed
 * broker or service, a PostgreSQL restart, a Redis restart that loses everything it held. Each
 * method returns once the part is back.
 */
final class Faults {

  static final String REDIS_HOST = "127.0.0.1";
  static final int REDIS_PORT =
      Integer.parseInt(System.getProperty("storefront.redis.port", "6379"));
  static final int PG_PORT =
      Integer.parseInt(System.getProperty("storefront.database.port", "5432"));

  private Faults() {}

  /** kill -9 a process the launcher started (a service or the broker), then start it again. */
  static void killAndRestart(String process) throws IOException, InterruptedException {
    Commerce.kill(process);
    Commerce.start(process);
  }

  /**
   * Redis stopped without saving and started empty (it keeps nothing on disk here, as in many
   * deployments): carts' cache, rate-limit counters, stream leases, BFF sessions are gone. The
   * launcher's memory limit is set again, as {@code ./platform up} does.
   */
  static void restartRedisEmpty() throws IOException, InterruptedException {
    String dir = redisCli("CONFIG", "GET", "dir").lines().skip(1).findFirst().orElse("/tmp");
    String maxmemory =
        redisCli("CONFIG", "GET", "maxmemory").lines().skip(1).findFirst().orElse("0");
    String policy =
        redisCli("CONFIG", "GET", "maxmemory-policy").lines().skip(1).findFirst().orElse("");
    run(
        List.of(
            "redis-cli", "-h", REDIS_HOST, "-p", String.valueOf(REDIS_PORT), "SHUTDOWN", "NOSAVE"),
        true);
    awaitPort(REDIS_PORT, false, Duration.ofSeconds(20));
    run(
        List.of(
            "redis-server",
            "--daemonize",
            "yes",
            "--bind",
            REDIS_HOST,
            "--port",
            String.valueOf(REDIS_PORT),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            dir),
        false);
    awaitPort(REDIS_PORT, true, Duration.ofSeconds(20));
    redisCli("CONFIG", "SET", "maxmemory", maxmemory);
    if (!policy.isBlank()) {
      redisCli("CONFIG", "SET", "maxmemory-policy", policy);
    }
    assertThat(redisCli("DBSIZE").strip()).as("Redis came back empty").isEqualTo("0");
  }

  /** The PostgreSQL cluster on {@link #PG_PORT} restarted: every pooled connection breaks. */
  static void restartPostgres() throws IOException, InterruptedException {
    String cluster =
        run(List.of("pg_lsclusters", "--no-header"), false)
            .lines()
            .map(line -> line.trim().split("\\s+"))
            .filter(columns -> columns.length > 2 && columns[2].equals(String.valueOf(PG_PORT)))
            .findFirst()
            .map(columns -> columns[0] + " " + columns[1])
            .orElseThrow(() ->
                new IllegalStateException(
                    "no local PostgreSQL cluster on port " + PG_PORT + " (pg_lsclusters)"));
    String[] versionAndName = cluster.split(" ");
    run(
        List.of(
            "pg_ctlcluster",
            "--skip-systemctl-redirect",
            versionAndName[0],
            versionAndName[1],
            "restart",
            "-m",
            "fast"),
        false);
    awaitPort(PG_PORT, true, Duration.ofSeconds(30));
  }

  private static String redisCli(String... args) throws IOException, InterruptedException {
    List<String> command =
        new ArrayList<>(List.of("redis-cli", "-h", REDIS_HOST, "-p", String.valueOf(REDIS_PORT)));
    command.addAll(List.of(args));
    return run(command, false);
  }

  private static String run(List<String> command, boolean mayFail)
      throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = process.waitFor();
    if (!mayFail) {
      assertThat(exit).as("%s: %s", String.join(" ", command), output).isZero();
    }
    return output;
  }

  private static void awaitPort(int port, boolean open, Duration timeout) {
    long until = System.nanoTime() + timeout.toNanos();
    while (isOpen(port) != open) {
      if (System.nanoTime() > until) {
        throw new AssertionError(
            "port " + port + " still " + (open ? "closed" : "open") + " after " + timeout);
      }
      Commerce.sleep(100);
    }
  }

  private static boolean isOpen(int port) {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
