package dev.storefront.registry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Content hashes: schema and supergraph identities, persisted document ids. */
public final class Sha256 {

  private Sha256() {}

  public static String hex(String text) {
    return HexFormat.of().formatHex(digest(text));
  }

  public static byte[] digest(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
