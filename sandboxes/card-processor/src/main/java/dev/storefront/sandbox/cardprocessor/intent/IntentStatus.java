package dev.storefront.sandbox.cardprocessor.intent;

public enum IntentStatus {
  processing,
  succeeded,
  failed,
  canceled
}
