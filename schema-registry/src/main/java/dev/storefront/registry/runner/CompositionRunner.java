package dev.storefront.registry.runner;

import dev.storefront.registry.RegistryProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs the Node composition runner (Federation 2 composition with
 * {@code @theguild/federation-composition}, schema diffs with {@code @graphql-inspector/core},
 * operation validation with graphql-js): one process per request, JSON in, JSON out. Composition is
 * rare (a publish or a check), so a process per call keeps the registry free of a long-lived Node
 * sidecar to supervise.
 */
@Component
public class CompositionRunner {

  /** Blocking reads and the watchdog must not wait on the (small) common pool. */
  private static final Executor VIRTUAL_THREADS = Executors.newVirtualThreadPerTaskExecutor();

  private final CompositionRunnerInstallation installation;
  private final RegistryProperties properties;
  private final JsonMapper json;

  public CompositionRunner(
      CompositionRunnerInstallation installation, RegistryProperties properties, JsonMapper json) {
    this.installation = installation;
    this.properties = properties;
    this.json = json;
  }

  public Mono<Composition> compose(
      List<SubgraphInput> subgraphs, String previousApiSdl, List<OperationInput> operations) {
    var request = new LinkedHashMap<String, Object>();
    request.put("task", "compose");
    request.put("subgraphs", subgraphs);
    request.put("previousApiSdl", previousApiSdl);
    request.put("operations", operations);
    return run(request, Composition.class);
  }

  public Mono<List<BrokenOperation>> validateOperations(
      String apiSdl, List<OperationInput> operations) {
    return run(
            Map.of("task", "validate-operations", "apiSdl", apiSdl, "operations", operations),
            BrokenOperationsAnswer.class)
        .map(BrokenOperationsAnswer::brokenOperations);
  }

  public Mono<List<SchemaChange>> diffSubgraph(String fromSdl, String toSdl) {
    return run(Map.of("task", "diff-subgraph", "from", fromSdl, "to", toSdl), ChangesAnswer.class)
        .map(ChangesAnswer::changes);
  }

  private <T> Mono<T> run(Object request, Class<T> answerType) {
    return Mono.fromCallable(() -> runBlocking(request, answerType))
        .subscribeOn(Schedulers.boundedElastic());
  }

  private <T> T runBlocking(Object request, Class<T> answerType)
      throws IOException, InterruptedException {
    var process =
        new ProcessBuilder(properties.nodeCommand(), installation.script().toString())
            .directory(installation.directory().toFile())
            .start();
    // Reading the output blocks until the runner exits, so the deadline is a watchdog that kills
    // a runner that hangs; killing it closes its output and the reads below return.
    var watchdog =
        CompletableFuture.delayedExecutor(
            properties.runnerTimeout().toMillis(), TimeUnit.MILLISECONDS, VIRTUAL_THREADS);
    var deadline = CompletableFuture.runAsync(process::destroyForcibly, watchdog);
    var stderr =
        CompletableFuture.supplyAsync(() -> readFully(process.getErrorStream()), VIRTUAL_THREADS);
    byte[] stdout;
    int exit;
    try {
      try (var stdin = process.getOutputStream()) {
        stdin.write(json.writeValueAsBytes(request));
      }
      stdout = process.getInputStream().readAllBytes();
      exit = process.waitFor();
    } catch (IOException e) {
      // Killing the process closes its streams; otherwise the runner died before answering.
      stdout = new byte[0];
      exit = process.waitFor();
    }
    boolean timedOut = deadline.isDone();
    deadline.cancel(false);
    if (timedOut) {
      throw new CompositionRunnerException(
          "composition runner did not answer within " + properties.runnerTimeout());
    }
    if (exit != 0) {
      throw new CompositionRunnerException(
          "composition runner exited with " + exit + ": " + stderr.join().strip());
    }
    return json.readValue(stdout, answerType);
  }

  private static String readFully(java.io.InputStream stream) {
    try {
      return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(stderr unreadable: " + e.getMessage() + ")";
    }
  }

  record BrokenOperationsAnswer(List<BrokenOperation> brokenOperations) {}

  record ChangesAnswer(List<SchemaChange> changes) {}
}
