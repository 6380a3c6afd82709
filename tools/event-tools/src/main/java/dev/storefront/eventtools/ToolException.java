package dev.storefront.eventtools;

/**
 * A failure the tool reports in one line and ends with: {@link #BROKER_UNREACHABLE} (2) when the
 * broker does not answer, {@link #FAILED} (1) otherwise (unknown group, a dead letter that could
 * not be re-sent, ...).
 */
final class ToolException extends RuntimeException {
  static final int FAILED = 1;
  static final int BROKER_UNREACHABLE = 2;

  private final int exitCode;

  ToolException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  static ToolException unreachable(String bootstrapServers, Throwable cause) {
    String reason = cause == null || cause.getMessage() == null ? "" : " (" + oneLine(cause) + ")";
    return new ToolException(
        BROKER_UNREACHABLE,
        "cannot reach the Kafka broker at "
            + bootstrapServers
            + " within "
            + DeadLetterTopics.TIMEOUT.toSeconds()
            + " s"
            + reason
            + ": is it running? (./platform status; STOREFRONT_KAFKA_BOOTSTRAP_SERVERS or --bootstrap-servers)");
  }

  static String oneLine(Throwable error) {
    String message =
        error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  int exitCode() {
    return exitCode;
  }
}
