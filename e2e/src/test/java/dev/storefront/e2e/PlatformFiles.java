package dev.storefront.e2e;

import java.nio.file.Path;

/** Where the running platform's checkout keeps its files (the tests read logs and sources). */
final class PlatformFiles {

  private PlatformFiles() {}

  /** The repository: the folder of the launcher named by -Dstorefront.platform. */
  static final Path ROOT =
      Path.of(System.getProperty("storefront.platform", "../platform"))
          .toAbsolutePath()
          .getParent();

  /** Each process's log, .run/logs/NAME.log. */
  static Path log(String process) {
    return ROOT.resolve(".run/logs/" + process + ".log");
  }
}
