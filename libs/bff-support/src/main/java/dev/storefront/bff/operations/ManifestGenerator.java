package dev.storefront.bff.operations;

import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds a BFF's persisted query manifest from its operation files, at build time: every {@code
 * *.graphql} file of the input directory holds exactly one named operation (and the fragments it
 * uses); the manifest lists each with {@code id} = SHA-256 of its trimmed text. Run by {@code
 * exec-maven-plugin} in {@code process-resources}:
 *
 * <pre>
 * java dev.storefront.bff.operations.ManifestGenerator src/main/graphql target/classes/persisted-operations.json
 * </pre>
 *
 * A file that does not parse, holds no operation or more than one, an anonymous operation, a type
 * definition, or a name used twice fails the build with every problem listed.
 */
public final class ManifestGenerator {

  public static final String FORMAT = "apollo-persisted-query-manifest";

  private ManifestGenerator() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      throw new IllegalArgumentException(
          "usage: ManifestGenerator <directory of .graphql files> <output manifest file>");
    }
    List<PersistedOperation> operations = generate(Path.of(args[0]), Path.of(args[1]));
    System.out.printf(
        "[bff-support] %d persisted operation(s) from %s written to %s%n",
        operations.size(), args[0], args[1]);
  }

  /** Reads the operations and writes the manifest; throws when any file is not acceptable. */
  public static List<PersistedOperation> generate(Path inputDirectory, Path outputFile) {
    List<PersistedOperation> operations = read(inputDirectory);
    write(operations, outputFile);
    return operations;
  }

  /** The operations of every {@code *.graphql} file in the directory, by file name. */
  public static List<PersistedOperation> read(Path inputDirectory) {
    if (!Files.isDirectory(inputDirectory)) {
      throw new ManifestException("no operation directory " + inputDirectory);
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(inputDirectory)) {
      files =
          list.filter(p -> p.getFileName().toString().endsWith(".graphql"))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (files.isEmpty()) {
      throw new ManifestException("no .graphql files in " + inputDirectory);
    }
    var problems = new ArrayList<String>();
    var operations = new ArrayList<PersistedOperation>();
    Map<String, Path> names = new HashMap<>();
    Map<String, Path> ids = new HashMap<>();
    for (Path file : files) {
      String body;
      try {
        body = Files.readString(file, StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      String fileName = file.getFileName().toString();
      try {
        PersistedOperation operation = parse(body);
        Path previous = names.putIfAbsent(operation.name(), file);
        if (previous != null) {
          problems.add(
              "%s: operation %s is already defined in %s"
                  .formatted(fileName, operation.name(), previous.getFileName()));
          continue;
        }
        Path sameBody = ids.putIfAbsent(operation.id(), file);
        if (sameBody != null) {
          problems.add("%s: the same document as %s".formatted(fileName, sameBody.getFileName()));
          continue;
        }
        operations.add(operation);
      } catch (ManifestException e) {
        problems.add(fileName + ": " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new ManifestException(
          "invalid operations in " + inputDirectory + ":\n  " + String.join("\n  ", problems));
    }
    return List.copyOf(operations);
  }

  /** Checks one document and describes it; throws {@link ManifestException} when unacceptable. */
  public static PersistedOperation parse(String body) {
    if (body == null || body.isBlank()) {
      throw new ManifestException("the file is empty");
    }
    Document document;
    try {
      document = Parser.parse(body);
    } catch (InvalidSyntaxException e) {
      throw new ManifestException("does not parse: " + e.getMessage());
    }
    var operations = document.getDefinitionsOfType(OperationDefinition.class);
    long others =
        document.getDefinitions().stream()
            .filter(d -> !(d instanceof OperationDefinition) && !(d instanceof FragmentDefinition))
            .count();
    if (others > 0) {
      throw new ManifestException("only an operation and fragments are allowed");
    }
    if (operations.size() != 1) {
      throw new ManifestException(
          "must hold exactly one operation, found %d".formatted(operations.size()));
    }
    OperationDefinition operation = operations.getFirst();
    if (operation.getName() == null || operation.getName().isBlank()) {
      throw new ManifestException("the operation must be named");
    }
    String type = operation.getOperation().name().toLowerCase(Locale.ROOT);
    return new PersistedOperation(sha256(body), operation.getName(), type, body);
  }

  /** The manifest's JSON text. */
  public static String toJson(List<PersistedOperation> operations) {
    var entries = new ArrayList<Map<String, Object>>();
    for (PersistedOperation op : operations) {
      var entry = new LinkedHashMap<String, Object>();
      entry.put("id", op.id());
      entry.put("name", op.name());
      entry.put("type", op.type());
      entry.put("body", op.body());
      entries.add(entry);
    }
    var manifest = new LinkedHashMap<String, Object>();
    manifest.put("format", FORMAT);
    manifest.put("version", 1);
    manifest.put("operations", entries);
    return JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build()
            .writeValueAsString(manifest)
        + "\n";
  }

  static void write(List<PersistedOperation> operations, Path outputFile) {
    try {
      Path parent = outputFile.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(outputFile, toJson(operations), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Lowercase hex SHA-256 of the UTF-8 text: a persisted document's id. */
  public static String sha256(String text) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An operation file the manifest cannot take. */
  public static final class ManifestException extends RuntimeException {
    public ManifestException(String message) {
      super(message);
    }
  }
}
