package dev.storefront.bff.operations;

/**
 * One entry of an Apollo persisted query manifest.
 *
 * @param id lowercase hex SHA-256 of {@code body}: what the router is sent as {@code documentId}
 * @param name the operation's name, unique within a client
 * @param type {@code query}, {@code mutation} or {@code subscription}
 * @param body the operation's text (with the fragments it uses)
 */
public record PersistedOperation(String id, String name, String type, String body) {}
