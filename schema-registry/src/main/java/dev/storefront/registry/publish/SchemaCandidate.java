package dev.storefront.registry.publish;

import dev.storefront.registry.Sha256;

/** A subgraph schema someone wants to make current. */
public record SchemaCandidate(String routingUrl, String sdl, String label) {

  public String sha256() {
    return Sha256.hex(sdl);
  }
}
