package dev.storefront.bff.operations;

import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.Node;
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
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds a BFF's persisted query manifest from its operation files, at build time: every {@code
 * *.graphql} file of the input directory holds exactly one named operation (and fragments of its
 * own); fragments several operations share live one per file in {@code fragments/} below it and are
 * appended to each operation that spreads them (transitively, by name), since a persisted document
 * must be complete. The manifest lists each operation with {@code id} = SHA-256 of its text. Run by
 * {@code exec-maven-plugin} in {@code process-resources}:
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
    Map<String, String> shared = readSharedFragments(inputDirectory.resolve(FRAGMENTS), problems);
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
        PersistedOperation operation = parse(withSharedFragments(body, shared));
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

  /** The folder below the operations that holds shared fragments, one per file. */
  public static final String FRAGMENTS = "fragments";

  /** Shared fragments by name: each file in the folder holds exactly one fragment definition. */
  static Map<String, String> readSharedFragments(Path directory, List<String> problems) {
    Map<String, String> fragments = new HashMap<>();
    if (!Files.isDirectory(directory)) {
      return fragments;
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(directory)) {
      files = list.filter(p -> p.getFileName().toString().endsWith(".graphql")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (Path file : files) {
      String where = FRAGMENTS + "/" + file.getFileName();
      try {
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        Document document = Parser.parse(text);
        var definitions = document.getDefinitions();
        if (definitions.size() != 1 || !(definitions.getFirst() instanceof FragmentDefinition f)) {
          problems.add(where + ": must hold exactly one fragment and nothing else");
          continue;
        }
        if (fragments.putIfAbsent(f.getName(), text) != null) {
          problems.add(where + ": fragment " + f.getName() + " is defined twice");
        }
      } catch (InvalidSyntaxException e) {
        problems.add(where + ": does not parse: " + e.getMessage());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return fragments;
  }

  /**
   * The operation file's text plus every shared fragment it spreads, directly or through other
   * fragments, that the file does not define itself, in name order (so the text, and with it the
   * id, is the same on every build).
   */
  static String withSharedFragments(String body, Map<String, String> shared) {
    if (body.isBlank()) {
      return body; // parse() names the problem
    }
    Document document;
    try {
      document = Parser.parse(body);
    } catch (InvalidSyntaxException e) {
      throw new ManifestException("does not parse: " + e.getMessage());
    }
    Set<String> defined = new HashSet<>();
    document
        .getDefinitionsOfType(FragmentDefinition.class)
        .forEach(fragment -> defined.add(fragment.getName()));
    Set<String> needed = new TreeSet<>();
    var pending = new ArrayDeque<>(spreadsIn(document));
    while (!pending.isEmpty()) {
      String name = pending.pop();
      if (defined.contains(name) || needed.contains(name)) {
        continue;
      }
      String fragment = shared.get(name);
      if (fragment == null) {
        throw new ManifestException("spreads fragment " + name + ", which is defined nowhere");
      }
      needed.add(name);
      pending.addAll(spreadsIn(Parser.parse(fragment)));
    }
    if (needed.isEmpty()) {
      return body;
    }
    var text = new StringBuilder(body);
    needed.forEach(name -> text.append("\n\n").append(shared.get(name)));
    return text.toString();
  }

  private static Set<String> spreadsIn(Node<?> node) {
    Set<String> names = new HashSet<>();
    for (Node<?> child : node.getChildren()) {
      if (child instanceof FragmentSpread spread) {
        names.add(spread.getName());
      }
      names.addAll(spreadsIn(child));
    }
    return names;
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
