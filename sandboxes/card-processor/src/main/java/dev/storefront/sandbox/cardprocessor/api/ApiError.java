package dev.storefront.sandbox.cardprocessor.api;

/**
 * A refusal answered as {@code {"error":{"type":..,"message":..}}} with its HTTP status; the types
 * are the ones real processors use, so clients can be written against them.
 */
public class ApiError extends RuntimeException {

  private final int status;
  private final String type;

  public ApiError(int status, String type, String message) {
    // No stack trace: these are answers, not bugs.
    super(message, null, false, false);
    this.status = status;
    this.type = type;
  }

  public int status() {
    return status;
  }

  public String type() {
    return type;
  }

  public static ApiError invalid(String message) {
    return new ApiError(400, "invalid_request_error", message);
  }

  public static ApiError notFound(String message) {
    return new ApiError(404, "invalid_request_error", message);
  }

  public static ApiError conflict(String type, String message) {
    return new ApiError(409, type, message);
  }

  /** 503 promises the caller that nothing was done: retrying is always safe. */
  public static ApiError unavailable() {
    return new ApiError(503, "api_error", "processor unavailable");
  }

  /** 500 promises nothing: the request may or may not have been processed. */
  public static ApiError internal() {
    return new ApiError(500, "api_error", "internal processor error");
  }
}
