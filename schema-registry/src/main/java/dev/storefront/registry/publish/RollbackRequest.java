package dev.storefront.registry.publish;

public record RollbackRequest(Integer version, Boolean acceptBreaking) {}
