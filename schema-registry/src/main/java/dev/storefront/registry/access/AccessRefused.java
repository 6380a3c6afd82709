package dev.storefront.registry.access;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * 401 (no or unknown credential, with a Bearer challenge) or 403 (outside the principal's rights).
 */
public final class AccessRefused extends ResponseStatusException {

  private AccessRefused(HttpStatus status, String reason) {
    super(status, reason);
  }

  public static AccessRefused unauthenticated(String reason) {
    return new AccessRefused(HttpStatus.UNAUTHORIZED, reason);
  }

  public static AccessRefused forbidden(String reason) {
    return new AccessRefused(HttpStatus.FORBIDDEN, reason);
  }

  @Override
  public HttpHeaders getHeaders() {
    if (getStatusCode() != HttpStatus.UNAUTHORIZED) {
      return HttpHeaders.EMPTY;
    }
    var headers = new HttpHeaders();
    headers.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"schema-registry\"");
    return headers;
  }
}
