package dev.storefront.graphql.error;

import java.util.Map;

/**
 * An error the client caused and can act on. Its message is shown to the client as is, so it must
 * say what was wrong with the input, never how the service works inside.
 */
public class ClientError extends RuntimeException {

  private final ErrorCode code;
  private final Map<String, Object> details;

  public ClientError(ErrorCode code, String message) {
    this(code, message, Map.of());
  }

  public ClientError(ErrorCode code, String message, Map<String, Object> details) {
    super(message, null, false, false);
    this.code = code;
    this.details = Map.copyOf(details);
  }

  public static ClientError badUserInput(String message) {
    return new ClientError(ErrorCode.BAD_USER_INPUT, message);
  }

  public static ClientError badUserInput(String argument, String message) {
    return new ClientError(ErrorCode.BAD_USER_INPUT, message, Map.of("argument", argument));
  }

  public static ClientError notFound(String message) {
    return new ClientError(ErrorCode.NOT_FOUND, message);
  }

  public ErrorCode code() {
    return code;
  }

  public Map<String, Object> details() {
    return details;
  }
}
