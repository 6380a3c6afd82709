package dev.storefront.registry.runner;

import java.util.List;

/** A registered client operation that would no longer validate, and why. */
public record BrokenOperation(
    String client, String clientVersion, String id, String name, List<String> errors) {}
