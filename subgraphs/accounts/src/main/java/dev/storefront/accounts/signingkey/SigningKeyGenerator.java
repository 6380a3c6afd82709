package dev.storefront.accounts.signingkey;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/** RSA 2048 key pairs for RS256, identified by their JWK thumbprint (RFC 7638). */
@Component
class SigningKeyGenerator {

  static final int KEY_SIZE = 2048;

  /** Generating a key pair takes up to a few hundred milliseconds of CPU: off the event loop. */
  Mono<NewSigningKey> generate() {
    return Mono.fromCallable(SigningKeyGenerator::generateNow)
        .subscribeOn(Schedulers.boundedElastic());
  }

  private static NewSigningKey generateNow() throws GeneralSecurityException, JOSEException {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(KEY_SIZE);
    KeyPair pair = generator.generateKeyPair();
    RSAKey jwk =
        new RSAKey.Builder((RSAPublicKey) pair.getPublic())
            .privateKey((RSAPrivateKey) pair.getPrivate())
            .keyUse(KeyUse.SIGNATURE)
            .algorithm(JWSAlgorithm.RS256)
            .keyIDFromThumbprint()
            .build();
    return new NewSigningKey(
        jwk.getKeyID(),
        Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()),
        jwk.toPublicJWK().toJSONString());
  }
}
