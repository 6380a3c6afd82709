package dev.storefront.accounts.signingkey;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsMutation;
import dev.storefront.graphql.identity.CurrentUser;
import java.util.concurrent.CompletableFuture;

@DgsComponent
public class SigningKeyMutation {

  private final SigningKeys keys;

  public SigningKeyMutation(SigningKeys keys) {
    this.keys = keys;
  }

  @DgsMutation
  public CompletableFuture<SigningKey> rotateSigningKey(DgsDataFetchingEnvironment env) {
    CurrentUser.requireScope(env, CurrentUser.ADMIN_SCOPE);
    return keys.rotate().contextCapture().toFuture();
  }
}
