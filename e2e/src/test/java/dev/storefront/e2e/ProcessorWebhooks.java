package dev.storefront.e2e;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Webhooks to payments as the card processor sends them: signed with its webhook secret. */
final class ProcessorWebhooks {

  static final URI URL = URI.create("http://127.0.0.1:4007/webhooks/card-processor");

  /** The development secret the platform's payments and sandbox share (application.yml). */
  static final String DEV_SECRET = "whsec_storefront_dev";

  private ProcessorWebhooks() {}

  /** The HTTP status payments answers; {@code signature} null sends no signature header. */
  static int send(String body, String signature) {
    Map<String, String> headers =
        signature == null ? Map.of() : Map.of("Sandbox-Signature", signature);
    return Router.send(URL, body, headers).statusCode();
  }

  /** {@code t=<timestamp>,v1=<HMAC-SHA256 of "t.body">}, the processor's signature header. */
  static String sign(String secret, long timestamp, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return "t="
        + timestamp
        + ",v1="
        + HexFormat.of()
            .formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
  }
}
