package dev.storefront.accounts.signingkey;

/**
 * A freshly generated key pair in the form {@code signing_keys} stores it.
 *
 * @param privateKey PKCS#8 DER, base64
 * @param publicJwk the public JWK as JSON (with kid, alg and use)
 */
record NewSigningKey(String kid, String privateKey, String publicJwk) {}
