package dev.storefront.accounts.address;

import com.netflix.graphql.dgs.DgsComponent;
import com.netflix.graphql.dgs.DgsData;
import com.netflix.graphql.dgs.DgsDataFetchingEnvironment;
import com.netflix.graphql.dgs.DgsMutation;
import com.netflix.graphql.dgs.InputArgument;
import dev.storefront.accounts.user.User;
import dev.storefront.accounts.user.Viewer;
import dev.storefront.graphql.error.ClientError;
import dev.storefront.graphql.error.ErrorCode;
import dev.storefront.graphql.identity.CurrentUser;
import dev.storefront.graphql.pagination.EntityIds;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

@DgsComponent
public class AddressDataFetcher {

  private final AddressBook book;

  public AddressDataFetcher(AddressBook book) {
    this.book = book;
  }

  /**
   * Empty for anyone but the user: an error would null the whole user (the field is non-null) in a
   * response that may list many users.
   */
  @DgsData(parentType = "User", field = "addresses")
  public CompletableFuture<List<SavedAddress>> addresses(DgsDataFetchingEnvironment env) {
    User user = env.getSource();
    if (!Viewer.isSelf(env, user.id())) {
      return CompletableFuture.completedFuture(List.of());
    }
    return env.<Long, List<SavedAddress>>getDataLoader(AddressDataLoader.class)
        .load(user.id())
        .thenApply(addresses -> addresses == null ? List.of() : addresses);
  }

  @DgsMutation
  public CompletableFuture<SavedAddress> addAddress(
      @InputArgument Map<String, Object> input, DgsDataFetchingEnvironment env) {
    long user = signedInUser(env);
    return book.add(user, NewAddress.from(input)).contextCapture().toFuture();
  }

  @DgsMutation
  public CompletableFuture<Boolean> removeAddress(
      @InputArgument String id, DgsDataFetchingEnvironment env) {
    long user = signedInUser(env);
    long addressId =
        EntityIds.parse(id).orElseThrow(() -> ClientError.notFound("address " + id + " not found"));
    return book.remove(user, addressId)
        .map(removed -> {
          if (!removed) {
            throw ClientError.notFound("address " + id + " not found");
          }
          return true;
        })
        .contextCapture()
        .toFuture();
  }

  private static long signedInUser(DgsDataFetchingEnvironment env) {
    String user = CurrentUser.require(env);
    return EntityIds.parse(user)
        .orElseThrow(
            () -> new ClientError(ErrorCode.UNAUTHENTICATED, "the signed-in user has no account"));
  }
}
