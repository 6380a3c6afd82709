package dev.storefront.payments.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

  final WebhookSignature signature = new WebhookSignature("whsec_test", Duration.ofMinutes(5));
  final Instant now = Instant.parse("2026-11-24T10:00:00Z");
  final String body = "{\"id\":\"evt_1\",\"type\":\"payment_intent.succeeded\"}";

  @Test
  void aSignatureOverTheBodyAndTimestampIsAccepted() {
    assertThat(signature.problemWith(signature.header(now, body), body, now)).isNull();
  }

  @Test
  void aChangedBodyAnotherSecretOrAStaleTimestampIsRefused() {
    String header = signature.header(now, body);
    assertThat(signature.problemWith(header, body.replace("succeeded", "failed"), now))
        .isEqualTo("signature mismatch");
    assertThat(
            new WebhookSignature("whsec_other", Duration.ofMinutes(5))
                .problemWith(header, body, now))
        .isEqualTo("signature mismatch");
    assertThat(signature.problemWith(header, body, now.plus(Duration.ofMinutes(6))))
        .isEqualTo("timestamp outside the tolerance");
  }

  @Test
  void malformedHeadersAreRefused() {
    assertThat(signature.problemWith(null, body, now)).isEqualTo("missing signature");
    assertThat(signature.problemWith("v1=abc", body, now)).isEqualTo("malformed signature header");
    assertThat(signature.problemWith("t=x,v1=abc", body, now)).isEqualTo("malformed timestamp");
    assertThat(signature.problemWith("t=" + now.getEpochSecond() + ",v1=zz", body, now))
        .isEqualTo("malformed signature");
  }

  @Test
  void outOfRangeTimestampsAndOversizedHeadersAreMalformedNotErrors() {
    assertThat(signature.problemWith("t=9223372036854775807,v1=00", body, now))
        .isEqualTo("timestamp outside the tolerance");
    assertThat(signature.problemWith("t=-9223372036854775808,v1=00", body, now))
        .isEqualTo("timestamp outside the tolerance");
    assertThat(signature.problemWith("t=" + "9".repeat(400) + ",v1=00", body, now))
        .isEqualTo("malformed timestamp");
    assertThat(signature.problemWith("t=" + now.getEpochSecond() + ",v1=00", body, now))
        .isEqualTo("malformed signature");
    assertThat(signature.problemWith("t=1,v1=" + "0".repeat(10_000), body, now))
        .isEqualTo("malformed signature header");
  }
}
