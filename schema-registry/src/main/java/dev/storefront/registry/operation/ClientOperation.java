package dev.storefront.registry.operation;

/** A persisted document registered by a client version; {@code id} is the body's SHA-256. */
public record ClientOperation(
    String client, String clientVersion, String id, String name, String type, String body) {}
