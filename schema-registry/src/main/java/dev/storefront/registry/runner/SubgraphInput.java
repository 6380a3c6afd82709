package dev.storefront.registry.runner;

/** A subgraph as composition sees it. */
public record SubgraphInput(String name, String url, String sdl) {}
