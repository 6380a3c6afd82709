package dev.storefront.registry.audit;

import dev.storefront.registry.access.RegistryAccess;
import dev.storefront.registry.web.RequestRules;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

/** {@code GET /writes[?target=catalog][&limit=100]}: who wrote what, and when, newest first. */
@RestController
public class WriteLogController {

  static final int MAX_LIMIT = 1000;

  private final WriteLog writes;
  private final RegistryAccess access;

  public WriteLogController(WriteLog writes, RegistryAccess access) {
    this.writes = writes;
    this.access = access;
  }

  @GetMapping("/writes")
  public Flux<WriteRecord> writes(
      @RequestParam(required = false) String target,
      @RequestParam(defaultValue = "100") int limit,
      @RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw RequestRules.badRequest("limit must be between 1 and " + MAX_LIMIT);
    }
    return access.history(authorization).thenMany(writes.recent(target, limit));
  }
}
