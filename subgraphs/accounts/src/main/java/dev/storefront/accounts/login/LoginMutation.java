package dev.storefront.accounts.login;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.InputArgument;
import dev.storefront.accounts.account.Account;
import dev.storefront.accounts.account.AccountStore;
import dev.storefront.accounts.account.EmailAddress;
import dev.storefront.accounts.account.PasswordHashing;
import dev.storefront.accounts.token.AuthPayload;
import dev.storefront.accounts.token.SignIns;
import dev.storefront.graphql.error.ClientError;
import dev.storefront.graphql.error.ErrorCode;
import dev.storefront.graphql.identity.ClientAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import reactor.core.publisher.Mono;

@DgsComponent
public class LoginMutation {

  /** One message for an unknown email and a wrong password: it must not reveal which it was. */
  static final String WRONG_CREDENTIALS = "email or password is wrong";

  private final AccountStore accounts;
  private final PasswordHashing passwords;
  private final LoginFailures failures;
  private final SignIns signIns;

  public LoginMutation(
      AccountStore accounts, PasswordHashing passwords, LoginFailures failures, SignIns signIns) {
    this.accounts = accounts;
    this.passwords = passwords;
    this.failures = failures;
    this.signIns = signIns;
  }

  /**
   * Refused before the password is even checked while the account or the client address is locked
   * out, so that a locked-out guesser learns nothing from further attempts.
   */
  @DgsMutation
  public CompletableFuture<AuthPayload> login(
      @InputArgument String email, @InputArgument String password, DgsDataFetchingEnvironment env) {
    String normalised = EmailAddress.normalise(email);
    if (normalised.length() > EmailAddress.MAX_LENGTH) {
      // No account has such an address, so saying so tells nothing about accounts.
      return CompletableFuture.failedFuture(
          ClientError.badUserInput(
              "email", "email must be at most " + EmailAddress.MAX_LENGTH + " characters"));
    }
    Optional<String> address = ClientAddress.of(env);
    return failures
        .beginAttempt(normalised, address)
        .flatMap(wait ->
            wait.isPresent()
                ? Mono.error(tooManyAttempts(wait.get()))
                : verify(normalised, password, address))
        .contextCapture()
        .toFuture();
  }

  /** The attempt already counts as failed (see {@link LoginFailures}) until it succeeds here. */
  private Mono<AuthPayload> verify(String email, String password, Optional<String> address) {
    return accounts
        .byEmail(email)
        .map(Optional::of)
        .defaultIfEmpty(Optional.empty())
        .flatMap(account ->
            passwords
                // Without an account this checks a dummy hash: the same work, the same time.
                .matches(password, account.map(Account::passwordHash).orElse(null))
                .flatMap(matches -> {
                  if (!matches) {
                    return Mono.error(
                        new ClientError(ErrorCode.UNAUTHENTICATED, WRONG_CREDENTIALS));
                  }
                  return failures.succeeded(email, address).then(signIns.start(account.get()));
                }));
  }

  private static ClientError tooManyAttempts(Duration wait) {
    long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
    return new ClientError(
        ErrorCode.TOO_MANY_REQUESTS,
        "too many failed sign-ins; try again in " + seconds + " seconds",
        Map.of("retryAfterSeconds", seconds));
  }
}
