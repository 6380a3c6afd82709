package dev.storefront.accounts.user;

import org.springframework.data.r2dbc.repository.Query;
import org.springframework.data.repository.reactive.ReactiveCrudRepository;
import reactor.core.publisher.Flux;

public interface UserRepository extends ReactiveCrudRepository<User, Long> {

  /** A keyset page in sign-up order: rows after {@code afterId}, one more than the page. */
  @Query(
      "SELECT id, email, display_name, created_at FROM users WHERE id > :afterId ORDER BY id LIMIT :limit")
  Flux<User> pageAfter(long afterId, int limit);
}
