package dev.storefront.sandbox.cardprocessor;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a {@code Sandbox-Signature} the way a merchant would, written independently of the
 * sandbox's signer so a mistake there cannot cancel itself out.
 */
public final class WebhookSignatures {

  private WebhookSignatures() {}

  /** The signed timestamp (epoch seconds) if the header is well formed and verifies, else -1. */
  public static long verifiedTimestamp(String header, String body, String secret) {
    if (header == null) {
      return -1;
    }
    String timestamp = null;
    String signature = null;
    for (String part : header.split(",")) {
      if (part.startsWith("t=")) {
        timestamp = part.substring(2);
      } else if (part.startsWith("v1=")) {
        signature = part.substring(3);
      }
    }
    if (timestamp == null || signature == null || !timestamp.matches("\\d+")) {
      return -1;
    }
    String expected = hmacSha256Hex(secret, timestamp + "." + body);
    boolean matches =
        MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.US_ASCII),
            signature.getBytes(StandardCharsets.US_ASCII));
    return matches ? Long.parseLong(timestamp) : -1;
  }

  private static String hmacSha256Hex(String secret, String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
