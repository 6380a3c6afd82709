package dev.storefront.payments.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The processor signs each webhook: header {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "t.body">}. A valid signature proves the processor sent this body; the timestamp, checked against
 * a tolerance, stops a captured delivery from being replayed later (and repeated event ids within
 * the tolerance are caught by the processed-event table).
 */
public final class WebhookSignature {

  // A real header is about 80 characters; anything far longer is not worth parsing.
  private static final int MAX_HEADER_LENGTH = 512;
  private static final int SIGNATURE_HEX_LENGTH = 64;

  private final byte[] secret;
  private final Duration tolerance;

  public WebhookSignature(String secret, Duration tolerance) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
    this.tolerance = tolerance;
  }

  /** Null when valid, else why not. */
  public String problemWith(String header, String body, Instant now) {
    if (header == null || header.isBlank()) {
      return "missing signature";
    }
    if (header.length() > MAX_HEADER_LENGTH) {
      return "malformed signature header";
    }
    String timestamp = null;
    String signature = null;
    for (String part : header.split(",")) {
      String[] pair = part.trim().split("=", 2);
      if (pair.length == 2 && pair[0].equals("t")) {
        timestamp = pair[1];
      } else if (pair.length == 2 && pair[0].equals("v1")) {
        signature = pair[1];
      }
    }
    if (timestamp == null || signature == null) {
      return "malformed signature header";
    }
    long seconds;
    try {
      seconds = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      return "malformed timestamp";
    }
    // Compared as numbers: an Instant cannot hold every long, and the difference must not overflow.
    if (seconds < 0 || Math.abs(seconds - now.getEpochSecond()) > tolerance.toSeconds()) {
      return "timestamp outside the tolerance";
    }
    byte[] presented;
    try {
      if (signature.length() != SIGNATURE_HEX_LENGTH) {
        return "malformed signature";
      }
      presented = HexFormat.of().parseHex(signature);
    } catch (IllegalArgumentException e) {
      return "malformed signature";
    }
    byte[] expected = sign(timestamp + "." + body);
    return MessageDigest.isEqual(expected, presented) ? null : "signature mismatch";
  }

  public String header(Instant at, String body) {
    String t = String.valueOf(at.getEpochSecond());
    return "t=" + t + ",v1=" + HexFormat.of().formatHex(sign(t + "." + body));
  }

  private byte[] sign(String payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return mac.doFinal(payload.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
