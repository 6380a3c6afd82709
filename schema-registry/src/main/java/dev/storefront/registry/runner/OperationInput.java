package dev.storefront.registry.runner;

/** A client operation to validate against a schema. */
public record OperationInput(
    String client, String clientVersion, String id, String name, String body) {}
