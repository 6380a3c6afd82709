package dev.storefront.accounts.address;

import com.netflix.graphql.dgs.DgsDataLoader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.dataloader.MappedBatchLoader;

/** Address books by user id, one statement per batch; users without addresses are absent. */
@DgsDataLoader(name = "addresses")
public class AddressDataLoader implements MappedBatchLoader<Long, List<SavedAddress>> {

  private final AddressBook book;

  public AddressDataLoader(AddressBook book) {
    this.book = book;
  }

  @Override
  public CompletionStage<Map<Long, List<SavedAddress>>> load(Set<Long> userIds) {
    return book.of(userIds).contextCapture().toFuture();
  }
}
