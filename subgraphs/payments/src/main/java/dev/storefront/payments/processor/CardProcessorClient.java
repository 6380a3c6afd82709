package dev.storefront.payments.processor;

import dev.storefront.payments.processor.ProcessorCallException.Kind;
import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Mono;

/**
 * The card processor's HTTP API, one attempt per call, failures sorted into {@link
 * ProcessorCallException} kinds. Resilience (timeouts, retries, circuit breaker, bulkhead) is
 * {@link ResilientCardProcessor}'s job.
 */
public class CardProcessorClient {

  private final WebClient web;
  private final ProcessorSettings settings;

  public CardProcessorClient(WebClient.Builder builder, ProcessorSettings settings) {
    this.settings = settings;
    this.web =
        builder
            .baseUrl(settings.url().toString())
            .defaultHeader("Authorization", "Bearer " + settings.apiKey())
            .build();
  }

  public Mono<PaymentIntent> createIntent(
      String idempotencyKey, BigDecimal amount, String currency, String reference) {
    return call(
        web.post()
            .uri("/v1/payment_intents")
            .header("Idempotency-Key", idempotencyKey)
            .contentType(MediaType.APPLICATION_JSON)
            .bodyValue(
                Map.of(
                    "amount",
                    amount.toPlainString(),
                    "currency",
                    currency,
                    "reference",
                    reference)));
  }

  public Mono<PaymentIntent> getIntent(String intentId) {
    return call(web.get().uri("/v1/payment_intents/{id}", intentId));
  }

  public Mono<PaymentIntent> cancelIntent(String intentId, String idempotencyKey) {
    return call(
        web.post()
            .uri("/v1/payment_intents/{id}/cancel", intentId)
            .header("Idempotency-Key", idempotencyKey));
  }

  private Mono<PaymentIntent> call(WebClient.RequestHeadersSpec<?> request) {
    return request
        .exchangeToMono(this::intentOrError)
        .timeout(settings.callTimeout())
        .onErrorMap(
            e -> !(e instanceof ProcessorCallException),
            e -> {
              if (e instanceof TimeoutException) {
                return new ProcessorCallException(
                    Kind.OUTCOME_UNKNOWN, "no answer within " + settings.callTimeout(), e);
              }
              if (e instanceof WebClientRequestException) {
                // The request never got an answer; connection refused means it never arrived.
                boolean refused = e.getCause() instanceof java.net.ConnectException;
                return new ProcessorCallException(
                    refused ? Kind.UNAVAILABLE : Kind.OUTCOME_UNKNOWN, e.getMessage(), e);
              }
              return new ProcessorCallException(Kind.OUTCOME_UNKNOWN, e.toString(), e);
            });
  }

  private Mono<PaymentIntent> intentOrError(ClientResponse response) {
    HttpStatusCode status = response.statusCode();
    if (status.is2xxSuccessful()) {
      return response.bodyToMono(PaymentIntent.class);
    }
    return response
        .bodyToMono(String.class)
        .defaultIfEmpty("")
        .flatMap(body -> {
          // 503 and 429 promise the request was not processed; other 4xx refuse it for good.
          int code = status.value();
          Kind kind =
              code == 503 || code == 429
                  ? Kind.UNAVAILABLE
                  : status.is4xxClientError() ? Kind.REJECTED : Kind.OUTCOME_UNKNOWN;
          return Mono.error(
              new ProcessorCallException(
                  kind, "processor answered " + status.value() + ": " + body, null));
        });
  }
}
