package dev.storefront.bff.tracing;

import dev.storefront.bff.problem.TraceIds;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Tells the client the trace id of its request ({@code X-Trace-Id}), so a user's report, a support
 * ticket or a test can go straight to the trace (in Zipkin) and the log lines it wrote.
 */
public class TraceIdResponseHeader implements WebFilter {

  public static final String HEADER = "X-Trace-Id";

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    exchange
        .getResponse()
        .beforeCommit(() -> {
          String traceId = TraceIds.of(exchange);
          if (traceId != null) {
            exchange.getResponse().getHeaders().set(HEADER, traceId);
          }
          return Mono.empty();
        });
    return chain.filter(exchange);
  }
}
