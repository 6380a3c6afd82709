package dev.storefront.registry.runner;

/** A composition message; {@code subgraph} is set when one subgraph's SDL does not parse. */
public record CompositionError(String message, String subgraph) {}
