package dev.storefront.bff.operations;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.core.io.Resource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The BFF's persisted operations, read from the manifest the build wrote ({@code
 * classpath:persisted-operations.json}). The BFF names operations; the router is sent their ids.
 */
public class PersistedOperations {

  public static final String DEFAULT_LOCATION = "classpath:persisted-operations.json";

  private final String manifestJson;
  private final Map<String, PersistedOperation> byName;
  private final Map<String, PersistedOperation> byId;
  private final List<PersistedOperation> all;

  public PersistedOperations(String manifestJson) {
    this.manifestJson = manifestJson;
    JsonNode root = JsonMapper.shared().readTree(manifestJson);
    if (!ManifestGenerator.FORMAT.equals(root.path("format").asString(""))) {
      throw new IllegalStateException("not an Apollo persisted query manifest");
    }
    var names = new LinkedHashMap<String, PersistedOperation>();
    var ids = new LinkedHashMap<String, PersistedOperation>();
    for (JsonNode entry : root.path("operations")) {
      var op =
          new PersistedOperation(
              entry.path("id").asString(),
              entry.path("name").asString(),
              entry.path("type").asString(),
              entry.path("body").asString());
      if (!ManifestGenerator.sha256(op.body()).equals(op.id())) {
        throw new IllegalStateException("operation " + op.name() + ": id is not its body's hash");
      }
      if (names.put(op.name(), op) != null) {
        throw new IllegalStateException("operation " + op.name() + " is listed twice");
      }
      ids.put(op.id(), op);
    }
    this.byName = Map.copyOf(names);
    this.byId = Map.copyOf(ids);
    this.all =
        names.values().stream().sorted(Comparator.comparing(PersistedOperation::name)).toList();
  }

  /** Reads a manifest; fails with a hint when the build did not produce one. */
  public static PersistedOperations load(Resource resource) {
    if (!resource.exists()) {
      throw new IllegalStateException(
          "No persisted operation manifest at "
              + resource.getDescription()
              + ": the build writes it from src/main/graphql (exec-maven-plugin running"
              + " dev.storefront.bff.operations.ManifestGenerator in process-resources)");
    }
    try (InputStream in = resource.getInputStream()) {
      return new PersistedOperations(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource.getDescription(), e);
    }
  }

  /** The operation of that name; {@link IllegalArgumentException} when the manifest has none. */
  public PersistedOperation get(String name) {
    PersistedOperation op = byName.get(name);
    if (op == null) {
      throw new IllegalArgumentException("No persisted operation named " + name);
    }
    return op;
  }

  public Optional<PersistedOperation> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Every operation, by name. */
  public List<PersistedOperation> all() {
    return all;
  }

  /** The manifest as the build wrote it: what is registered with the schema registry. */
  public String manifestJson() {
    return manifestJson;
  }
}
