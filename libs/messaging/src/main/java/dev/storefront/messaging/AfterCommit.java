package dev.storefront.messaging;

import java.util.function.Supplier;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import reactor.core.publisher.Mono;

/**
 * Work that must wait until the current transaction has committed (never before, never on
 * rollback).
 */
public final class AfterCommit {

  private AfterCommit() {}

  /** Registers {@code action} with the current transaction; without one, nothing is registered. */
  public static Mono<Void> run(Supplier<Mono<Void>> action) {
    return TransactionSynchronizationManager.forCurrentTransaction()
        .doOnNext(sync ->
            sync.registerSynchronization(
                new TransactionSynchronization() {
                  @Override
                  public Mono<Void> afterCommit() {
                    return action.get();
                  }
                }))
        .then()
        .onErrorResume(NoTransactionException.class, e -> Mono.empty());
  }
}
