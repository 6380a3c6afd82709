package dev.storefront.registry.publish;

/** Body of publish and check: the routing URL, the SDL, an optional label (e.g. a commit). */
public record PublishRequest(String url, String sdl, String label, Boolean acceptBreaking) {

  boolean breakingAccepted() {
    return Boolean.TRUE.equals(acceptBreaking);
  }
}
