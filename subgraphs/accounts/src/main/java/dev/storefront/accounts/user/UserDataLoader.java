package dev.storefront.accounts.user;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.dataloader.MappedBatchLoader;

/** Users by id, one statement per batch (entity resolution and Query.user). */
@DgsDataLoader(name = "users")
public class UserDataLoader implements MappedBatchLoader<Long, User> {

  private final UserRepository users;

  public UserDataLoader(UserRepository users) {
    this.users = users;
  }

  @Override
  public CompletionStage<Map<Long, User>> load(Set<Long> ids) {
    return users.findAllById(ids).collectMap(User::id).contextCapture().toFuture();
  }
}
