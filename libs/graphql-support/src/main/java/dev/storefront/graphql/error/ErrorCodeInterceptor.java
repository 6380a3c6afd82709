package dev.storefront.graphql.error;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.graphql.ResponseError;
import org.springframework.graphql.server.WebGraphQlInterceptor;
import org.springframework.graphql.server.WebGraphQlRequest;
import org.springframework.graphql.server.WebGraphQlResponse;
import reactor.core.publisher.Mono;

/**
 * Gives every error in a response an {@code extensions.code}, including the ones graphql-java
 * raises before any data fetcher runs (syntax, validation, variable coercion), and replaces the
 * frameworks' own classification keys (graphql-java's {@code classification}, DGS's {@code
 * errorType}/{@code errorDetail}) so clients see one convention.
 */
public class ErrorCodeInterceptor implements WebGraphQlInterceptor {

  @Override
  public Mono<WebGraphQlResponse> intercept(WebGraphQlRequest request, Chain chain) {
    return chain
        .next(request)
        .map(response ->
            response.getErrors().isEmpty()
                ? response
                : response.transform(builder ->
                    builder.errors(
                        response.getErrors().stream()
                            .map(ErrorCodeInterceptor::withCode)
                            .toList())));
  }

  static GraphQLError withCode(ResponseError error) {
    Map<String, Object> extensions =
        error.getExtensions() == null
            ? new LinkedHashMap<>()
            : new LinkedHashMap<>(error.getExtensions());
    Object graphqlJavaClassification = extensions.remove("classification");
    Object dgsErrorType = extensions.remove("errorType");
    extensions.remove("errorDetail");
    extensions.remove("debugInfo");
    extensions.remove("origin");
    String code =
        extensions.containsKey("code")
            ? extensions.get("code").toString()
            : codeFor(graphqlJavaClassification, dgsErrorType, error.getMessage()).name();
    extensions.put("code", code);
    if (code.equals(ErrorCode.BAD_USER_INPUT.name()) && !extensions.containsKey("argument")) {
      String variable = variableNamedIn(error.getMessage());
      if (variable != null) {
        extensions.put("argument", variable);
      }
    }
    return GraphqlErrorBuilder.newError()
        .message(error.getMessage())
        .locations(error.getLocations())
        .path(error.getParsedPath().isEmpty() ? null : error.getParsedPath())
        .errorType(ErrorClassification.errorClassification(code))
        .extensions(extensions)
        .build();
  }

  /**
   * graphql-java names a variable it could not coerce ({@code Variable 'first' has an invalid
   * value: ...}): the argument the client has to fix.
   */
  static String variableNamedIn(String message) {
    if (message == null || !message.startsWith("Variable '")) {
      return null;
    }
    int end = message.indexOf('\'', "Variable '".length());
    return end < 0 ? null : message.substring("Variable '".length(), end);
  }

  /**
   * graphql-java's classification says what failed before execution; DGS's error type covers what
   * failed during it.
   */
  static ErrorCode codeFor(Object graphqlJavaClassification, Object dgsErrorType, String message) {
    String classification = String.valueOf(graphqlJavaClassification);
    switch (classification) {
      case "InvalidSyntax":
        return ErrorCode.GRAPHQL_PARSE_FAILED;
      case "ValidationError":
        // graphql-java classifies bad variable values as validation errors; the document is
        // fine, the input is not (Apollo's convention: BAD_USER_INPUT).
        return message != null && message.startsWith("Variable '")
            ? ErrorCode.BAD_USER_INPUT
            : ErrorCode.GRAPHQL_VALIDATION_FAILED;
      case "OperationNotSupported":
        return ErrorCode.BAD_USER_INPUT;
      default:
        break;
    }
    return switch (String.valueOf(dgsErrorType)) {
      case "BAD_REQUEST", "FAILED_PRECONDITION" -> ErrorCode.BAD_USER_INPUT;
      case "NOT_FOUND" -> ErrorCode.NOT_FOUND;
      case "UNAUTHENTICATED" -> ErrorCode.UNAUTHENTICATED;
      case "PERMISSION_DENIED" -> ErrorCode.FORBIDDEN;
      default -> ErrorCode.INTERNAL_SERVER_ERROR;
    };
  }
}
