package dev.storefront.sandbox.cardprocessor.webhook;

import dev.storefront.sandbox.cardprocessor.SandboxSettings;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * The {@code Sandbox-Signature} header: {@code t=<unix seconds>,v1=<hex HMAC-SHA256>} over {@code
 * "<t>.<raw body>"}. The timestamp is signed with the body so a receiver can refuse replays of old
 * deliveries.
 */
@Component
public class WebhookSigner {

  public static final String HEADER = "Sandbox-Signature";
  private static final String ALGORITHM = "HmacSHA256";

  private final SecretKeySpec key;

  public WebhookSigner(SandboxSettings settings) {
    this.key =
        new SecretKeySpec(settings.webhookSecret().getBytes(StandardCharsets.UTF_8), ALGORITHM);
  }

  public String signatureHeader(long epochSecond, String body) {
    return "t=" + epochSecond + ",v1=" + hmac(epochSecond + "." + body);
  }

  private String hmac(String payload) {
    try {
      // Mac instances are not thread-safe; creating one is cheap next to an HTTP call.
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(payload.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
