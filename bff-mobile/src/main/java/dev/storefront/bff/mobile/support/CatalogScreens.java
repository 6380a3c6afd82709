package dev.storefront.bff.mobile.support;

import dev.storefront.bff.problem.GraphQlProblemException;
import dev.storefront.bff.problem.GraphQlProblems;
import dev.storefront.bff.router.RouterUnavailableException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves the anonymous catalog screens: from Redis while a fresh copy is there, else rendered from
 * the router and stored; when the router fails (unreachable, too slow, circuit open, a 5xx), the
 * last good copy is served with {@code X-Cache: STALE} and {@code Warning: 110}. Every answer
 * carries a strong {@code ETag} of its body and {@code Cache-Control: public, max-age=…}; a
 * matching {@code If-None-Match} gets 304.
 */
@Component
public class CatalogScreens {

  private static final Logger log = LoggerFactory.getLogger(CatalogScreens.class);
  public static final String X_CACHE = "X-Cache";

  private final ScreenCache cache;
  private final JsonMapper json;
  private final MobileSettings settings;

  public CatalogScreens(ScreenCache cache, JsonMapper json, MobileSettings settings) {
    this.cache = cache;
    this.json = json;
    this.settings = settings;
  }

  /**
   * @param screen the cache key of the screen without locale, e.g. {@code home} or {@code
   *     product:42}
   * @param render renders the screen for a locale (calls the router)
   */
  public Mono<ResponseEntity<String>> serve(
      ServerWebExchange exchange, String screen, Function<Locale, Mono<?>> render) {
    Locale locale = Locales.of(exchange);
    String key = screen + ":" + locale.toLanguageTag();
    return cache
        .fresh(key)
        .map(body -> respond(exchange, body, "HIT"))
        .switchIfEmpty(
            Mono.defer(() ->
                render
                    .apply(locale)
                    .map(json::writeValueAsString)
                    .flatMap(body -> cache.store(key, body).thenReturn(body))
                    .map(body -> respond(exchange, body, "MISS"))
                    .onErrorResume(CatalogScreens::routerFailed, e -> stale(exchange, key, e))));
  }

  private Mono<ResponseEntity<String>> stale(ServerWebExchange exchange, String key, Throwable e) {
    return cache
        .lastGood(key)
        .map(body -> {
          log.warn("Serving the last good copy of {}: {}", key, e.toString());
          return respond(exchange, body, "STALE");
        })
        .switchIfEmpty(Mono.error(() -> asProblem(e)));
  }

  /** The router's failure as the problem the caller gets (503 unless it already is a problem). */
  private static GraphQlProblemException asProblem(Throwable e) {
    return switch (e) {
      case GraphQlProblemException problem -> problem;
      case RouterUnavailableException unavailable -> GraphQlProblems.exception(unavailable);
      default -> GraphQlProblems.exception(new RouterUnavailableException(e.getMessage(), e));
    };
  }

  /** The router failed (not: the caller asked for something that does not exist). */
  static boolean routerFailed(Throwable e) {
    return e instanceof RouterUnavailableException
        || (e instanceof GraphQlProblemException p && p.status() >= 500);
  }

  ResponseEntity<String> respond(ServerWebExchange exchange, String body, String cacheState) {
    String etag = etag(body);
    boolean stale = "STALE".equals(cacheState);
    var headers = new HttpHeaders();
    headers.setETag(etag);
    headers.setCacheControl(
        stale
            ? "public, max-age=0, must-revalidate"
            : "public, max-age=" + settings.catalogMaxAge().toSeconds());
    headers.setVary(List.of(HttpHeaders.ACCEPT_LANGUAGE));
    headers.set(X_CACHE, cacheState);
    if (stale) {
      headers.set("Warning", "110 - \"Response is Stale\"");
    }
    if (matches(exchange.getRequest().getHeaders().getIfNoneMatch(), etag)) {
      return ResponseEntity.status(HttpStatus.NOT_MODIFIED).headers(headers).build();
    }
    return ResponseEntity.ok().headers(headers).contentType(MediaType.APPLICATION_JSON).body(body);
  }

  static boolean matches(List<String> ifNoneMatch, String etag) {
    String opaque = opaque(etag);
    for (String candidate : ifNoneMatch) {
      if ("*".equals(candidate.strip()) || opaque.equals(opaque(candidate))) {
        return true;
      }
    }
    return false;
  }

  private static String opaque(String tag) {
    String t = tag.strip();
    return t.startsWith("W/") ? t.substring(2) : t;
  }

  /** A strong ETag: the body's SHA-256, base64url, 22 characters. */
  static String etag(String body) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8));
      return "\""
          + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 22)
          + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
