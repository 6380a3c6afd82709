package dev.storefront.sandbox.cardprocessor.intent;

/** An error answered as {@code {"error":{"type":..,"message":..}}} with its HTTP status. */
public class ApiError extends RuntimeException {

  private final int status;
  private final String type;

  public ApiError(int status, String type, String message) {
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
}
