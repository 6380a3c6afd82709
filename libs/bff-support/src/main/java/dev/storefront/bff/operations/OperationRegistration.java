package dev.storefront.bff.operations;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Registers the BFF's manifest with the schema registry at start-up ({@code PUT
 * /clients/{client}/versions/{version}/manifest}), so the router knows the operations' ids and a
 * schema change that would break them is refused. Keeps trying in the background: with backoff
 * while the registry is unreachable or answers 5xx; slowly, logging the registry's report as an
 * error, while it rejects the manifest (4xx: an operation does not validate). The health indicator
 * {@code persistedOperations} (part of readiness) is DOWN until the registry has accepted it.
 *
 * <p>The request carries the BFF's own registry credential ({@code Authorization: Bearer}): the
 * registry lets a client register only its own manifests. Refused credentials (401, 403) are
 * retried like rejections, since only an operator can fix them.
 */
public class OperationRegistration implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(OperationRegistration.class);

  /** Where registration stands; {@code registeredAt} is set once the registry accepted it. */
  public record State(
      boolean registered,
      int attempts,
      Instant registeredAt,
      String lastError,
      Integer lastStatus) {}

  private final WebClient web;
  private final PersistedOperations operations;
  private final URI manifestUri;
  private final String client;
  private final String version;
  private final String token;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final Duration rejectedRetry;
  private final Duration timeout;
  private final AtomicReference<State> state =
      new AtomicReference<>(new State(false, 0, null, null, null));
  private final AtomicInteger failuresInARow = new AtomicInteger();
  private volatile Disposable running;

  public OperationRegistration(
      WebClient web,
      PersistedOperations operations,
      String registryUrl,
      String client,
      String version,
      String token,
      Duration initialBackoff,
      Duration maxBackoff,
      Duration rejectedRetry,
      Duration timeout) {
    this.web = web;
    this.operations = operations;
    this.client = client;
    this.version = version;
    this.token = token == null ? "" : token.strip();
    this.manifestUri =
        UriComponentsBuilder.fromUriString(registryUrl)
            .path("/clients/{client}/versions/{version}/manifest")
            .buildAndExpand(client, version)
            .encode()
            .toUri();
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
    this.rejectedRetry = rejectedRetry;
    this.timeout = timeout;
  }

  public State state() {
    return state.get();
  }

  public boolean registered() {
    return state.get().registered();
  }

  public String client() {
    return client;
  }

  public String version() {
    return version;
  }

  public URI manifestUri() {
    return manifestUri;
  }

  /** One attempt: completes with the delay until the next one, or empty once registered. */
  Mono<Duration> attempt() {
    return web.put()
        .uri(manifestUri)
        .headers(headers -> {
          if (!token.isEmpty()) {
            headers.setBearerAuth(token);
          }
        })
        .contentType(MediaType.APPLICATION_JSON)
        .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
        .bodyValue(operations.manifestJson())
        .exchangeToMono(response ->
            response
                .bodyToMono(String.class)
                .defaultIfEmpty("")
                .map(body -> outcome(response.statusCode(), body)))
        .timeout(timeout)
        .onErrorResume(e -> Mono.just(unreachable(e)))
        .flatMap(next -> next.isZero() ? Mono.empty() : Mono.just(next));
  }

  private Duration outcome(HttpStatusCode status, String body) {
    int attempts = state.get().attempts() + 1;
    if (status.is2xxSuccessful()) {
      state.set(new State(true, attempts, Instant.now(), null, status.value()));
      failuresInARow.set(0);
      log.info(
          "Registered {} persisted operation(s) as {}@{} with the schema registry",
          operations.all().size(),
          client,
          version);
      return Duration.ZERO;
    }
    String report = body.length() > 4000 ? body.substring(0, 4000) + "…" : body;
    if (status.value() == 401 || status.value() == 403) {
      return rejected(
          attempts,
          status,
          "refused: " + report,
          "The schema registry refused {}'s credential for {}@{} (HTTP {}; set"
              + " STOREFRONT_REGISTRY_TOKEN to the client's own token); retrying in {}: {}",
          client,
          client,
          version,
          status.value(),
          rejectedRetry,
          report);
    }
    if (status.is4xxClientError()) {
      return rejected(
          attempts,
          status,
          "rejected: " + report,
          "The schema registry rejected the operations of {}@{} (HTTP {}); retrying in {}: {}",
          client,
          version,
          status.value(),
          rejectedRetry,
          report);
    }
    state.set(new State(false, attempts, null, "HTTP " + status.value(), status.value()));
    Duration next = backoff();
    log.warn(
        "The schema registry answered HTTP {} to {}@{}'s manifest; retrying in {}",
        status.value(),
        client,
        version,
        next);
    return next;
  }

  /** Refused or rejected: sending the same manifest again soon would not change the answer. */
  private Duration rejected(
      int attempts, HttpStatusCode status, String outcome, String message, Object... logArguments) {
    state.set(new State(false, attempts, null, outcome, status.value()));
    log.error(message, logArguments);
    return rejectedRetry;
  }

  private Duration unreachable(Throwable e) {
    int attempts = state.get().attempts() + 1;
    String why = e instanceof TimeoutException ? "timed out" : e.getMessage();
    state.set(new State(false, attempts, null, "unreachable: " + why, null));
    Duration next = backoff();
    log.warn(
        "The schema registry at {} is unreachable ({}); retrying in {}", manifestUri, why, next);
    return next;
  }

  private Duration backoff() {
    int n = Math.min(failuresInARow.getAndIncrement(), 20);
    long millis = initialBackoff.toMillis() * (1L << Math.min(n, 16));
    return Duration.ofMillis(Math.min(millis, maxBackoff.toMillis()));
  }

  private Mono<Void> loop() {
    return attempt()
        .flatMap(next -> Mono.delay(next, Schedulers.parallel()).then(Mono.defer(this::loop)));
  }

  @Override
  public void start() {
    if (running == null) {
      running =
          loop().subscribe(null, e -> log.error("Registering the persisted operations stopped", e));
    }
  }

  @Override
  public void stop() {
    Disposable current = running;
    running = null;
    if (current != null) {
      current.dispose();
    }
  }

  @Override
  public boolean isRunning() {
    return running != null;
  }
}
