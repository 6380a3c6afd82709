package dev.storefront.accounts.token;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.InputArgument;
import java.util.concurrent.CompletableFuture;

@DgsComponent
public class RefreshTokenMutations {

  private final SignIns signIns;

  public RefreshTokenMutations(SignIns signIns) {
    this.signIns = signIns;
  }

  @DgsMutation
  public CompletableFuture<AuthPayload> refreshToken(@InputArgument String refreshToken) {
    return signIns.refresh(refreshToken).contextCapture().toFuture();
  }

  /** Always true, for unknown tokens too: the answer must not tell whether a token exists. */
  @DgsMutation
  public CompletableFuture<Boolean> logout(@InputArgument String refreshToken) {
    return signIns.end(refreshToken).contextCapture().toFuture();
  }
}
