package dev.storefront.registry.access;

import dev.storefront.registry.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The principals the registry knows, from the JSON file named by {@code
 * STOREFRONT_REGISTRY_PRINCIPALS_FILE}: {@code {"principals": [{"name", "role", "tokenSha256",
 * "routingUrls"}]}}. No file means no principals: every write is refused.
 */
public final class Principals {

  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  private record File(List<Principal> principals) {}

  private final List<Principal> principals;
  private final List<byte[]> hashes;

  Principals(List<Principal> principals) {
    this.principals = List.copyOf(principals);
    this.hashes =
        this.principals.stream().map(p -> HexFormat.of().parseHex(p.tokenSha256())).toList();
  }

  public static Principals none() {
    return new Principals(List.of());
  }

  /** Reads and checks the file; any mistake in it stops start-up with a sentence naming it. */
  public static Principals load(Path file, JsonMapper json) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot read the registry principals file " + file + ": " + e, e);
    }
    File parsed;
    try {
      parsed = json.readValue(text, File.class);
    } catch (JacksonException e) {
      throw new IllegalStateException(
          "the registry principals file " + file + " is not valid: " + e.getOriginalMessage(), e);
    }
    if (parsed == null || parsed.principals() == null) {
      throw new IllegalStateException(
          "the registry principals file " + file + " has no \"principals\" list");
    }
    var names = new HashSet<String>();
    var tokens = new HashSet<String>();
    for (Principal p : parsed.principals()) {
      String where = "the registry principals file " + file + ": principal '" + p.name() + "'";
      if (p.name() == null || p.name().isBlank() || p.role() == null) {
        throw new IllegalStateException(where + " needs a name and a role");
      }
      if (p.tokenSha256() == null || !SHA256_HEX.matcher(p.tokenSha256()).matches()) {
        throw new IllegalStateException(
            where + " needs tokenSha256, the token's SHA-256 as 64 lower-case hex digits");
      }
      if (!names.add(p.name()) || !tokens.add(p.tokenSha256())) {
        throw new IllegalStateException(where + " is listed twice, or shares another's token");
      }
      if (p.is(Role.SUBGRAPH) && p.routingUrls().isEmpty()) {
        throw new IllegalStateException(where + " is a subgraph without routingUrls");
      }
    }
    return new Principals(parsed.principals());
  }

  /**
   * The principal whose token this is. Every stored hash is compared, in constant time, so the time
   * taken says nothing about which principal, or how much of a hash, matched.
   */
  public Optional<Principal> authenticate(String token) {
    if (token == null || token.isEmpty()) {
      return Optional.empty();
    }
    byte[] presented = Sha256.digest(token);
    Principal match = null;
    for (int i = 0; i < hashes.size(); i++) {
      if (MessageDigest.isEqual(presented, hashes.get(i))) {
        match = principals.get(i);
      }
    }
    return Optional.ofNullable(match);
  }

  public boolean isEmpty() {
    return principals.isEmpty();
  }

  public int size() {
    return principals.size();
  }
}
