package dev.storefront.sandbox.cardprocessor;

import java.security.SecureRandom;

/** Processor-style identifiers: a type prefix and random letters and digits ({@code pi_...}). */
public final class RandomIds {

  private static final String ALPHABET =
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  private static final int LENGTH = 24;
  private static final SecureRandom RANDOM = new SecureRandom();

  private RandomIds() {}

  public static String next(String prefix) {
    StringBuilder id = new StringBuilder(prefix.length() + 1 + LENGTH).append(prefix).append('_');
    for (int i = 0; i < LENGTH; i++) {
      id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return id.toString();
  }
}
