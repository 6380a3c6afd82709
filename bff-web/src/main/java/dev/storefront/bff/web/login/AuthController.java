package dev.storefront.bff.web.login;

import dev.storefront.bff.problem.GraphQlProblemException;
import dev.storefront.bff.problem.GraphQlProblems;
import dev.storefront.bff.router.RouterCall;
import dev.storefront.bff.router.RouterClient;
import dev.storefront.bff.web.ClientAddresses;
import dev.storefront.bff.web.session.Session;
import dev.storefront.bff.web.session.SessionCookies;
import dev.storefront.bff.web.session.SessionStore;
import dev.storefront.bff.web.session.Sessions;
import dev.storefront.bff.web.session.TokenGrant;
import java.time.Clock;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Signing in and out. The router's {@code login} answers with tokens; they go into a new Redis
 * session and the browser gets only the session cookie, the user and the CSRF token.
 */
@RestController
@RequestMapping("/auth")
public class AuthController {

  private static final Logger log = LoggerFactory.getLogger(AuthController.class);

  static final int MAX_EMAIL = 320;
  static final int MAX_PASSWORD = 1024;

  private final RouterClient router;
  private final SessionStore store;
  private final Sessions sessions;
  private final SessionCookies cookies;
  private final Clock clock;

  public AuthController(
      RouterClient router,
      SessionStore store,
      Sessions sessions,
      SessionCookies cookies,
      Clock clock) {
    this.router = router;
    this.store = store;
    this.sessions = sessions;
    this.cookies = cookies;
    this.clock = clock;
  }

  /**
   * Signs in: 200 with the user and the CSRF token, and the session cookie; 401 for a wrong email
   * or password, 429 (with Retry-After) while sign-in is locked, 400 for a malformed body. A
   * session the request came with ends (its tokens are revoked): each sign-in gets a new session
   * id.
   */
  @PostMapping("/login")
  public Mono<ResponseEntity<SessionView>> login(
      @RequestBody(required = false) LoginRequest body, ServerWebExchange exchange) {
    if (body == null
        || body.email() == null
        || body.email().isBlank()
        || body.password() == null
        || body.password().isEmpty()) {
      return Mono.error(
          new GraphQlProblemException(GraphQlProblems.badRequest("Give an email and a password.")));
    }
    if (body.email().length() > MAX_EMAIL || body.password().length() > MAX_PASSWORD) {
      return Mono.error(
          new GraphQlProblemException(
              GraphQlProblems.badRequest("The email or the password is too long.")));
    }
    String clientAddress = ClientAddresses.of(exchange);
    return router
        .execute(
            "Login",
            Map.of("email", body.email().trim(), "password", body.password()),
            RouterCall.anonymous(clientAddress))
        .map(result ->
            TokenGrant.from(GraphQlProblems.requireData(result).path("login"), clock.instant()))
        .flatMap(grant -> endPrevious(exchange, clientAddress).then(store.create(grant)))
        .map(session -> {
          cookies.issue(exchange.getResponse(), session);
          return ResponseEntity.ok()
              .cacheControl(CacheControl.noStore())
              .body(SessionView.of(session));
        });
  }

  /**
   * Signs out: the router revokes the session's refresh token, the session is deleted and the
   * cookie expired. 204 also when there was no session.
   */
  @PostMapping("/logout")
  public Mono<ResponseEntity<Void>> logout(ServerWebExchange exchange) {
    return sessions
        .current(exchange)
        .flatMap(session -> end(session, ClientAddresses.of(exchange)))
        .then(
            Mono.fromSupplier(() -> {
              cookies.clear(exchange.getResponse());
              return ResponseEntity.noContent().cacheControl(CacheControl.noStore()).build();
            }));
  }

  /** The signed-in user and the CSRF token (e.g. after a page reload); 401 without a session. */
  @GetMapping("/session")
  public Mono<ResponseEntity<SessionView>> session(ServerWebExchange exchange) {
    return sessions
        .require(exchange)
        .map(session ->
            ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(SessionView.of(session)));
  }

  private Mono<Void> endPrevious(ServerWebExchange exchange, String clientAddress) {
    return sessions.current(exchange).flatMap(previous -> end(previous, clientAddress));
  }

  /**
   * Deletes the session first (the browser is signed out whatever the router says), then has the
   * router revoke the refresh token; a router that does not answer is logged, not fatal: nobody
   * holds that token any more.
   */
  private Mono<Void> end(Session session, String clientAddress) {
    return store
        .delete(session.id())
        .then(
            router
                .execute(
                    "Logout",
                    Map.of("refreshToken", session.refreshToken()),
                    RouterCall.anonymous(clientAddress))
                .doOnNext(result -> {
                  if (result.hasErrors()) {
                    log.warn(
                        "Logout of user {}: the router answered {}",
                        session.userId(),
                        result.firstErrorCode());
                  }
                })
                .onErrorResume(e -> {
                  log.warn(
                      "Logout of user {}: the refresh token was not revoked: {}",
                      session.userId(),
                      e.toString());
                  return Mono.empty();
                })
                .then());
  }
}
