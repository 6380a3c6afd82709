package dev.storefront.sandbox.cardprocessor.api;

import java.util.Map;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;

/** Every refusal in the processor's error shape, so clients parse one format only. */
@RestControllerAdvice
public class ApiErrorHandler {

  @ExceptionHandler(ApiError.class)
  ResponseEntity<Map<String, Object>> apiError(ApiError e) {
    return body(HttpStatusCode.valueOf(e.status()), e.type(), e.getMessage());
  }

  @ExceptionHandler(ServerWebInputException.class)
  ResponseEntity<Map<String, Object>> unreadable(ServerWebInputException e) {
    return body(e.getStatusCode(), "invalid_request_error", "the request body is not valid JSON");
  }

  // Unsupported media types, wrong methods and the like.
  @ExceptionHandler(ResponseStatusException.class)
  ResponseEntity<Map<String, Object>> framework(ResponseStatusException e) {
    String type = e.getStatusCode().is4xxClientError() ? "invalid_request_error" : "api_error";
    return body(e.getStatusCode(), type, e.getReason());
  }

  private static ResponseEntity<Map<String, Object>> body(
      HttpStatusCode status, String type, String message) {
    return ResponseEntity.status(status)
        .body(Map.of("error", Map.of("type", type, "message", String.valueOf(message))));
  }
}
