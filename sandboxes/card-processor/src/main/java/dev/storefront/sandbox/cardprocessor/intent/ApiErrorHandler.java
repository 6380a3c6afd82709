package dev.storefront.sandbox.cardprocessor.intent;

import dev.storefront.sandbox.cardprocessor.fault.FaultInjection.ProcessorFault;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebInputException;

@RestControllerAdvice
public class ApiErrorHandler {

  @ExceptionHandler(ApiError.class)
  ResponseEntity<Map<String, Object>> apiError(ApiError e) {
    return body(e.status(), e.type(), e.getMessage());
  }

  @ExceptionHandler(ProcessorFault.class)
  ResponseEntity<Map<String, Object>> fault(ProcessorFault e) {
    return body(e.status(), "api_error", e.getMessage());
  }

  @ExceptionHandler(ServerWebInputException.class)
  ResponseEntity<Map<String, Object>> unreadable(ServerWebInputException e) {
    return body(400, "invalid_request_error", "the request body is not valid JSON");
  }

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Map<String, Object>> invalid(IllegalArgumentException e) {
    return body(400, "invalid_request_error", e.getMessage());
  }

  private static ResponseEntity<Map<String, Object>> body(int status, String type, String message) {
    return ResponseEntity.status(status)
        .body(Map.of("error", Map.of("type", type, "message", String.valueOf(message))));
  }
}
