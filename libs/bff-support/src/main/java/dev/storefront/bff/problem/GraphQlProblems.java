package dev.storefront.bff.problem;

import dev.storefront.bff.router.GraphQlError;
import dev.storefront.bff.router.GraphQlResult;
import dev.storefront.bff.router.RouterUnavailableException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.JsonNode;

/**
 * Turns GraphQL errors into RFC 9457 problem details: the error's {@code extensions.code} decides
 * the status, {@code type} is {@code https://storefront.dev/problems/<code-in-kebab-case>}, the
 * property {@code code} repeats it. Only client errors (the caller can act on them) show the
 * GraphQL message; every other problem says a generic sentence, so no GraphQL internals, paths,
 * locations or upstream text reach the client.
 */
public final class GraphQlProblems {

  public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;
  public static final String TYPE_PREFIX = "https://storefront.dev/problems/";

  /** For a router that did not answer (unreachable, timeout, circuit open). */
  public static final String SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE";

  public static final String INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR";
  public static final String BAD_GATEWAY = "BAD_GATEWAY";
  static final String PERSISTED_QUERY_UNAVAILABLE = "PERSISTED_QUERY_UNAVAILABLE";

  static final String GENERIC_BAD_GATEWAY =
      "The storefront could not complete the request. Try again later.";
  static final String GENERIC_UNAVAILABLE =
      "The storefront is temporarily unavailable. Try again shortly.";
  static final String GENERIC_INTERNAL = "Something went wrong on our side. Try again later.";

  private static final Map<String, HttpStatus> STATUS =
      Map.ofEntries(
          Map.entry("BAD_USER_INPUT", HttpStatus.BAD_REQUEST),
          Map.entry("GRAPHQL_VALIDATION_FAILED", HttpStatus.BAD_REQUEST),
          Map.entry("GRAPHQL_PARSE_FAILED", HttpStatus.BAD_REQUEST),
          Map.entry("BAD_REQUEST", HttpStatus.BAD_REQUEST),
          Map.entry("UNAUTHENTICATED", HttpStatus.UNAUTHORIZED),
          Map.entry("FORBIDDEN", HttpStatus.FORBIDDEN),
          Map.entry("NOT_FOUND", HttpStatus.NOT_FOUND),
          Map.entry("CONFLICT", HttpStatus.CONFLICT),
          Map.entry("TOO_MANY_REQUESTS", HttpStatus.TOO_MANY_REQUESTS),
          Map.entry("PERSISTED_QUERY_NOT_FOUND", HttpStatus.BAD_GATEWAY),
          Map.entry("PERSISTED_QUERY_NOT_IN_LIST", HttpStatus.BAD_GATEWAY),
          Map.entry(SERVICE_UNAVAILABLE, HttpStatus.SERVICE_UNAVAILABLE),
          Map.entry(INTERNAL_SERVER_ERROR, HttpStatus.INTERNAL_SERVER_ERROR));

  private static final Map<String, String> TITLES =
      Map.ofEntries(
          Map.entry("BAD_USER_INPUT", "Invalid input"),
          Map.entry("GRAPHQL_VALIDATION_FAILED", "Invalid request"),
          Map.entry("GRAPHQL_PARSE_FAILED", "Invalid request"),
          Map.entry("BAD_REQUEST", "Bad request"),
          Map.entry("UNAUTHENTICATED", "Sign-in required"),
          Map.entry("FORBIDDEN", "Not allowed"),
          Map.entry("NOT_FOUND", "Not found"),
          Map.entry("CONFLICT", "Conflict"),
          Map.entry("TOO_MANY_REQUESTS", "Too many requests"),
          Map.entry(SERVICE_UNAVAILABLE, "Service unavailable"),
          Map.entry(INTERNAL_SERVER_ERROR, "Internal error"));

  /**
   * Codes whose GraphQL message is meant for the caller. Not BAD_REQUEST: the BFF builds the router
   * request, so the router's complaint about it ("Unexpected parameter …") is ours.
   */
  private static final Set<String> CLIENT_ERRORS =
      Set.of(
          "BAD_USER_INPUT",
          "UNAUTHENTICATED",
          "FORBIDDEN",
          "NOT_FOUND",
          "CONFLICT",
          "TOO_MANY_REQUESTS");

  private GraphQlProblems() {}

  /** The HTTP status for a GraphQL error code: 502 for any code not listed (and for null). */
  public static HttpStatus statusOf(String code) {
    return code == null
        ? HttpStatus.BAD_GATEWAY
        : STATUS.getOrDefault(code, HttpStatus.BAD_GATEWAY);
  }

  /** {@code BAD_USER_INPUT} → {@code https://storefront.dev/problems/bad-user-input}. */
  public static URI typeOf(String code) {
    return URI.create(TYPE_PREFIX + code.toLowerCase(Locale.ROOT).replace('_', '-'));
  }

  /** The problem for a result with errors (its first error decides). */
  public static ProblemDetail toProblem(GraphQlResult result) {
    if (result == null || !result.hasErrors()) {
      throw new IllegalArgumentException("the result has no errors");
    }
    return toProblem(result.errors().getFirst());
  }

  /** The problem for one GraphQL error. */
  public static ProblemDetail toProblem(GraphQlError error) {
    String code = error.code();
    if (PERSISTED_QUERY_UNAVAILABLE.equals(code)) {
      // The router could not reach the registry to look the operation up: try again later.
      return unavailable();
    }
    HttpStatus status = statusOf(code);
    if (status == HttpStatus.BAD_GATEWAY) {
      // Our deployment's problem (unknown operation) or something the router did not classify
      // (an unknown code, or none: statusOf(null) is 502 too).
      return problem(HttpStatus.BAD_GATEWAY, BAD_GATEWAY, GENERIC_BAD_GATEWAY);
    }
    String detail =
        CLIENT_ERRORS.contains(code) ? clean(error.message(), status) : genericFor(status);
    ProblemDetail problem = problem(status, code, detail);
    Object retryAfter = error.extensions().get("retryAfterSeconds");
    if (retryAfter instanceof Number seconds) {
      problem.setProperty("retryAfterSeconds", seconds.longValue());
    }
    return problem;
  }

  /** 503: the router did not answer. */
  public static ProblemDetail unavailable() {
    return problem(HttpStatus.SERVICE_UNAVAILABLE, SERVICE_UNAVAILABLE, GENERIC_UNAVAILABLE);
  }

  /** 500 with a generic detail. */
  public static ProblemDetail internalError() {
    return problem(HttpStatus.INTERNAL_SERVER_ERROR, INTERNAL_SERVER_ERROR, GENERIC_INTERNAL);
  }

  /** 400 {@code BAD_REQUEST} for input the BFF itself refuses. */
  public static ProblemDetail badRequest(String detail) {
    return problem(HttpStatus.BAD_REQUEST, "BAD_REQUEST", detail);
  }

  /** 401 {@code UNAUTHENTICATED}. */
  public static ProblemDetail unauthenticated(String detail) {
    return problem(HttpStatus.UNAUTHORIZED, "UNAUTHENTICATED", detail);
  }

  /** 404 {@code NOT_FOUND}. */
  public static ProblemDetail notFound(String detail) {
    return problem(HttpStatus.NOT_FOUND, "NOT_FOUND", detail);
  }

  /** A problem with {@code type}, {@code title}, {@code detail} and {@code code}. */
  public static ProblemDetail problem(HttpStatus status, String code, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(typeOf(code));
    problem.setTitle(TITLES.getOrDefault(code, status.getReasonPhrase()));
    problem.setProperty("code", code);
    return problem;
  }

  /** The exception for a result with errors. */
  public static GraphQlProblemException exception(GraphQlResult result) {
    return new GraphQlProblemException(toProblem(result));
  }

  /** The exception for an unanswered router call. */
  public static GraphQlProblemException exception(RouterUnavailableException e) {
    return new GraphQlProblemException(unavailable(), e);
  }

  /**
   * The result's data when it has no errors; otherwise throws the {@link GraphQlProblemException}
   * for its first error.
   */
  public static JsonNode requireData(GraphQlResult result) {
    if (result.hasErrors()) {
      throw exception(result);
    }
    return result.data();
  }

  private static String genericFor(HttpStatus status) {
    return switch (status) {
      case SERVICE_UNAVAILABLE -> GENERIC_UNAVAILABLE;
      case INTERNAL_SERVER_ERROR -> GENERIC_INTERNAL;
      case BAD_REQUEST -> "The request could not be processed.";
      default -> GENERIC_BAD_GATEWAY;
    };
  }

  private static String clean(String message, HttpStatus status) {
    if (message == null || message.isBlank()) {
      return status.getReasonPhrase();
    }
    return message.length() > 500 ? message.substring(0, 500) : message;
  }
}
