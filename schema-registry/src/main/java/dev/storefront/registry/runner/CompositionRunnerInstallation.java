package dev.storefront.registry.runner;

import dev.storefront.registry.RegistryProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The composition runner ships inside the registry's jar (script, package.json and lock file). At
 * start-up it is copied to a directory named after the lock file's hash and its packages are
 * installed there with {@code npm ci}, once per version; later starts reuse the installation.
 */
@Component
public class CompositionRunnerInstallation {

  private static final Logger log = LoggerFactory.getLogger(CompositionRunnerInstallation.class);
  static final List<String> FILES = List.of("runner.mjs", "package.json", "package-lock.json");

  private final Path directory;

  public CompositionRunnerInstallation(RegistryProperties properties) {
    try {
      this.directory = properties.runnerDirectory().resolve(lockHash());
      install(properties.npmCommand());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot install the composition runner", e);
    }
  }

  public Path directory() {
    return directory;
  }

  public Path script() {
    return directory.resolve("runner.mjs");
  }

  private void install(String npm) throws IOException {
    Path marker = directory.resolve("node_modules/.package-lock.json");
    if (Files.exists(marker)) {
      return;
    }
    Files.createDirectories(directory);
    for (String file : FILES) {
      try (InputStream in = new ClassPathResource("composition-runner/" + file).getInputStream()) {
        Files.copy(in, directory.resolve(file), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    log.info("Installing the composition runner's npm packages in {}", directory);
    var process =
        new ProcessBuilder(npm, "ci", "--omit=dev", "--no-audit", "--no-fund", "--loglevel=error")
            .directory(directory.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes());
    try {
      if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
        throw new IllegalStateException("npm ci failed for the composition runner: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String lockHash() throws IOException {
    try (InputStream in =
        new ClassPathResource("composition-runner/package-lock.json").getInputStream()) {
      var digest = MessageDigest.getInstance("SHA-256");
      digest.update(in.readAllBytes());
      try (InputStream script =
          new ClassPathResource("composition-runner/runner.mjs").getInputStream()) {
        digest.update(script.readAllBytes());
      }
      return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
