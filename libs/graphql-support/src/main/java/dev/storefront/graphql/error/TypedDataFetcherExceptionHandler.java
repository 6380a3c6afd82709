package dev.storefront.graphql.error;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerParameters;
import graphql.execution.DataFetcherExceptionHandlerResult;
import java.util.LinkedHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns exceptions thrown by data fetchers into typed GraphQL errors. A {@link ClientError} keeps
 * its message and code; anything else is logged with its stack trace and reaches the client only as
 * a generic INTERNAL_SERVER_ERROR, so internals never leak.
 */
public class TypedDataFetcherExceptionHandler implements DataFetcherExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(TypedDataFetcherExceptionHandler.class);

  @Override
  public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(
      DataFetcherExceptionHandlerParameters parameters) {
    Throwable exception = unwrap(parameters.getException());
    var builder =
        GraphqlErrorBuilder.newError()
            .path(parameters.getPath())
            .location(parameters.getSourceLocation());
    GraphQLError error;
    if (exception instanceof ClientError clientError) {
      var extensions = new LinkedHashMap<String, Object>(clientError.details());
      extensions.put("code", clientError.code().name());
      error =
          builder
              .message(clientError.getMessage())
              .errorType(ErrorClassification.errorClassification(clientError.code().name()))
              .extensions(extensions)
              .build();
    } else {
      log.error("Data fetcher failed at {}", parameters.getPath(), exception);
      error =
          builder
              .message("Internal error while resolving " + parameters.getPath())
              .errorType(
                  ErrorClassification.errorClassification(ErrorCode.INTERNAL_SERVER_ERROR.name()))
              .extensions(java.util.Map.of("code", ErrorCode.INTERNAL_SERVER_ERROR.name()))
              .build();
    }
    return CompletableFuture.completedFuture(
        DataFetcherExceptionHandlerResult.newResult(error).build());
  }

  private static Throwable unwrap(Throwable exception) {
    Throwable current = exception;
    while ((current instanceof CompletionException
            || current instanceof java.lang.reflect.InvocationTargetException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
