package dev.storefront.accounts.registration;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.InputArgument;
import dev.storefront.accounts.account.AccountStore;
import dev.storefront.accounts.account.PasswordHashing;
import dev.storefront.accounts.token.AuthPayload;
import dev.storefront.accounts.token.SignIns;
import dev.storefront.graphql.error.ClientError;
import dev.storefront.graphql.error.ErrorCode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

@DgsComponent
public class RegisterMutation {

  private final AccountStore accounts;
  private final PasswordHashing passwords;
  private final SignIns signIns;
  private final TransactionalOperator tx;

  public RegisterMutation(
      AccountStore accounts, PasswordHashing passwords, SignIns signIns, TransactionalOperator tx) {
    this.accounts = accounts;
    this.passwords = passwords;
    this.signIns = signIns;
    this.tx = tx;
  }

  /**
   * A new account without scopes, signed in. The account and its first refresh token commit
   * together; the unique email index, not an earlier lookup, decides a race between two
   * registrations of one email.
   */
  @DgsMutation
  public CompletableFuture<AuthPayload> register(@InputArgument Map<String, Object> input) {
    Registration registration = Registration.from(input);
    return passwords
        .hash(registration.password())
        .flatMap(hash ->
            tx.transactional(
                accounts
                    .create(registration.email(), registration.displayName(), hash)
                    .switchIfEmpty(
                        Mono.error(() ->
                            new ClientError(
                                ErrorCode.CONFLICT,
                                "an account with this email exists already",
                                Map.of("argument", "input.email"))))
                    .flatMap(signIns::start)))
        .contextCapture()
        .toFuture();
  }
}
