package dev.storefront.sandbox.cardprocessor.intent;

/** Lower case because that is how the API spells them. */
public enum IntentStatus {
  processing,
  succeeded,
  failed,
  canceled
}
