package dev.storefront.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The router believes only tokens accounts signed, for this platform, that have not expired; every
 * other token is refused as a whole with 401 before any subgraph sees the request, and changes
 * nothing.
 */
class TokenValidationTest {

  static final String SHOPPER = "871";
  static final String CART =
      "{ me { id } user(id: \"" + SHOPPER + "\") { cart { totalQuantity } } }";
  static final String ADD_TO_CART =
      "mutation { addToCart(productId: \"7\", quantity: 3) { totalQuantity } }";

  static Tokens.SigningKey realKey;
  static Tokens.SigningKey forgedKey;

  @BeforeAll
  static void keys() throws Exception {
    realKey = Tokens.accountsCurrentKey();
    var generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    // The real kid on a key of our own: only the signature gives it away.
    forgedKey = new Tokens.SigningKey(realKey.kid(), generator.generateKeyPair().getPrivate());
  }

  static Stream<Arguments> refusedTokens() throws Exception {
    Instant inAWhile = Instant.now().plusSeconds(600);
    JWTClaimsSet valid = Tokens.claims(SHOPPER, "admin", inAWhile).build();
    var hs256 = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), valid);
    hs256.sign(new MACSigner(new byte[32]));
    return Stream.of(
        Arguments.of("forged signature", Tokens.sign(forgedKey, valid)),
        Arguments.of("alg none", Tokens.unsigned(valid)),
        Arguments.of("HS256", hs256.serialize()),
        Arguments.of(
            "expired",
            Tokens.sign(
                realKey, Tokens.claims(SHOPPER, "", Instant.now().minusSeconds(600)).build())),
        Arguments.of(
            "other audience",
            Tokens.sign(
                realKey,
                Tokens.claims(SHOPPER, "", inAWhile).audience("another-platform").build())),
        Arguments.of(
            "other issuer",
            Tokens.sign(
                realKey, Tokens.claims(SHOPPER, "", inAWhile).issuer("someone-else").build())),
        Arguments.of(
            "not yet valid",
            Tokens.sign(
                realKey,
                Tokens.claims(SHOPPER, "", inAWhile.plusSeconds(3600))
                    .notBeforeTime(java.util.Date.from(Instant.now().plusSeconds(3000)))
                    .build())),
        Arguments.of("garbage", "not.a.token"),
        Arguments.of("truncated", Tokens.sign(realKey, valid).substring(0, 60)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedTokens")
  void isRefusedWith401AndChangesNothing(String name, String token) {
    int before = cartQuantity();

    var read = Router.post(CART, Map.of(), Map.of("authorization", "Bearer " + token));
    assertUnauthenticated(read);
    var write = Router.post(ADD_TO_CART, Map.of(), Map.of("authorization", "Bearer " + token));
    assertUnauthenticated(write);

    assertThat(cartQuantity()).as("the shopper's cart after a refused write").isEqualTo(before);
  }

  @Test
  void theRealKeyWithValidClaimsIsAccepted() {
    // The same construction as the refused tokens, but valid: the refusals above are about the
    // one thing each of them changed.
    String token =
        Tokens.sign(realKey, Tokens.claims(SHOPPER, "", Instant.now().plusSeconds(300)).build());
    var response =
        Router.post("{ me { id } }", Map.of(), Map.of("authorization", "Bearer " + token));
    assertThat(response.errors().isMissingNode()).as(response.raw()).isTrue();
    assertThat(response.data().at("/me/id").asString()).isEqualTo(SHOPPER);
  }

  @Test
  void aClientCannotClaimAUserWithTheRoutersHeaders() {
    var anonymous =
        Router.post(
            "{ me { id } }",
            Map.of(),
            Map.of("x-user-id", SHOPPER, "x-user-scopes", "admin", "x-client-ip", "10.0.0.1"));
    assertThat(anonymous.errors().path(0).at("/extensions/code").asString())
        .isEqualTo("UNAUTHENTICATED");
    assertThat(anonymous.data().path("me").isNull() || anonymous.data().path("me").isMissingNode())
        .isTrue();

    var signedIn =
        Router.post(
            "{ me { id } }",
            Map.of(),
            Map.of(
                "authorization",
                "Bearer " + Accounts.token("872"),
                "x-user-id",
                SHOPPER,
                "x-user-scopes",
                "admin"));
    assertThat(signedIn.data().at("/me/id").asString()).isEqualTo("872");
    var stockAsShopper =
        Router.post(
            "mutation { setStockLevel(productId: \"7\", onHand: 1) { id } }",
            Map.of(),
            Map.of("authorization", "Bearer " + Accounts.token("872"), "x-user-scopes", "admin"));
    assertThat(stockAsShopper.errors().path(0).at("/extensions/code").asString())
        .isEqualTo("FORBIDDEN");
  }

  static void assertUnauthenticated(Router.Response response) {
    assertThat(response.status()).as(response.raw()).isEqualTo(401);
    assertThat(response.errors().path(0).at("/extensions/code").asString())
        .as(response.raw())
        .isEqualTo("UNAUTHENTICATED");
    JsonNodes.assertNoData(response);
    assertThat(response.raw()).doesNotContain("\tat ").doesNotContain("Exception");
  }

  static int cartQuantity() {
    return Commerce.ok(Commerce.as(SHOPPER, CART)).at("/user/cart/totalQuantity").asInt();
  }
}
