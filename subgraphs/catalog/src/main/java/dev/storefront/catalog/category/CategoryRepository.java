package dev.storefront.catalog.category;

import org.springframework.data.repository.reactive.ReactiveCrudRepository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

public interface CategoryRepository extends ReactiveCrudRepository<Category, Long> {

  Flux<Category> findAllByOrderByNameAsc();

  Mono<Category> findBySlug(String slug);
}
