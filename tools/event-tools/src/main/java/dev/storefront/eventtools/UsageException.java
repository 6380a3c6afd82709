package dev.storefront.eventtools;

/** Bad command line: the tool prints this message and its usage, and exits with 64. */
final class UsageException extends Exception {
  UsageException(String message) {
    super(message);
  }
}
