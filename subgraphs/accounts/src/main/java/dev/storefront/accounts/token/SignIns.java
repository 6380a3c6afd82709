package dev.storefront.accounts.token;

import dev.storefront.accounts.account.Account;
import dev.storefront.accounts.account.AccountStore;
import dev.storefront.graphql.error.ClientError;
import dev.storefront.graphql.error.ErrorCode;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Sign-ins as token families: starting one (register, login), continuing it with a refresh token,
 * and ending it (logout, or a replayed refresh token).
 */
@Component
public class SignIns {

  private final AccessTokens accessTokens;
  private final RefreshTokens refreshTokens;
  private final AccountStore accounts;
  private final TransactionalOperator tx;

  SignIns(
      AccessTokens accessTokens,
      RefreshTokens refreshTokens,
      AccountStore accounts,
      TransactionalOperator tx) {
    this.accessTokens = accessTokens;
    this.refreshTokens = refreshTokens;
    this.accounts = accounts;
    this.tx = tx;
  }

  /** A new sign-in (a new token family); joins the caller's transaction when there is one. */
  public Mono<AuthPayload> start(Account account) {
    return refreshTokens
        .issue(account.id(), UUID.randomUUID())
        .flatMap(refreshToken -> payload(account, refreshToken));
  }

  /**
   * Spends the refresh token and issues its successor in one transaction. A replayed token ends the
   * sign-in; the revocation commits although the answer is an error.
   */
  public Mono<AuthPayload> refresh(String token) {
    Mono<Outcome> outcome =
        refreshTokens
            .spend(token)
            .flatMap(spent ->
                accounts
                    .byId(spent.userId())
                    .flatMap(account ->
                        refreshTokens
                            .issue(account.id(), spent.familyId())
                            .map(successor -> new Continued(account, successor))))
            .cast(Outcome.class)
            .switchIfEmpty(Mono.defer(() -> refreshTokens.diagnose(token).map(Refused::new)));
    return tx.transactional(outcome)
        .flatMap(result ->
            switch (result) {
              case Continued(Account account, IssuedRefreshToken successor) ->
                  payload(account, successor);
              case Refused(RefreshTokens.Unspendable why) -> Mono.error(refusal(why));
            });
  }

  /** Ends the sign-in the token belongs to; nothing happens for a token that is not ours. */
  public Mono<Boolean> end(String token) {
    return refreshTokens.revokeFamilyOf(token).thenReturn(true);
  }

  private Mono<AuthPayload> payload(Account account, IssuedRefreshToken refreshToken) {
    return accessTokens
        .issue(account)
        .map(accessToken ->
            new AuthPayload(
                accessToken.jwt(),
                AuthPayload.BEARER,
                accessToken.expiresInSeconds(),
                refreshToken.token(),
                refreshToken.expiresAt(),
                account.user()));
  }

  private static ClientError refusal(RefreshTokens.Unspendable why) {
    return new ClientError(
        ErrorCode.UNAUTHENTICATED,
        switch (why) {
          case REUSED -> "the refresh token was used before; its sign-in has been ended";
          case INVALID -> "the refresh token is invalid, expired or revoked";
        });
  }

  private sealed interface Outcome permits Continued, Refused {}

  private record Continued(Account account, IssuedRefreshToken successor) implements Outcome {}

  private record Refused(RefreshTokens.Unspendable why) implements Outcome {}
}
