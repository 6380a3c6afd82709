package dev.storefront.inventory.stock;

import org.springframework.data.repository.reactive.ReactiveCrudRepository;

public interface StockLevelRepository extends ReactiveCrudRepository<StockLevel, Long> {}
