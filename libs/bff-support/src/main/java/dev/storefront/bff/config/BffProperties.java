package dev.storefront.bff.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code storefront.bff.*}: where the router and the registry are and who this client is.
 *
 * @param routerUrl the router's GraphQL endpoint
 * @param routerTimeout how long one router call may take (for a subscription: until its first
 *     event)
 * @param routerConnectTimeout how long opening a connection to the router may take
 * @param registryUrl the schema registry the manifest is registered with
 * @param registryToken this client's registry credential (STOREFRONT_REGISTRY_TOKEN)
 * @param clientName the client the manifest is registered as (e.g. {@code bff-mobile})
 * @param clientVersion the client version; empty means the build's version (build-info)
 * @param manifestLocation where the build put the manifest
 * @param registration how registration retries
 */
@ConfigurationProperties("storefront.bff")
public record BffProperties(
    String routerUrl,
    Duration routerTimeout,
    Duration routerConnectTimeout,
    String registryUrl,
    String registryToken,
    String clientName,
    String clientVersion,
    String manifestLocation,
    Registration registration) {

  public BffProperties {
    routerUrl = orDefault(routerUrl, "http://127.0.0.1:4000/graphql");
    routerTimeout = routerTimeout == null ? Duration.ofSeconds(5) : routerTimeout;
    routerConnectTimeout =
        routerConnectTimeout == null ? Duration.ofSeconds(2) : routerConnectTimeout;
    registryUrl = orDefault(registryUrl, "http://127.0.0.1:4010");
    manifestLocation = orDefault(manifestLocation, "classpath:persisted-operations.json");
    registration =
        registration == null ? new Registration(null, null, null, null, null) : registration;
  }

  /**
   * @param enabled registers the manifest at start-up (tests without a registry may turn it off)
   * @param initialBackoff first wait after the registry was unreachable or answered 5xx
   * @param maxBackoff the longest wait between such attempts
   * @param rejectedRetry wait after the registry rejected the manifest (4xx)
   * @param timeout how long one registration request may take
   */
  public record Registration(
      Boolean enabled,
      Duration initialBackoff,
      Duration maxBackoff,
      Duration rejectedRetry,
      Duration timeout) {
    public Registration {
      enabled = enabled == null ? Boolean.TRUE : enabled;
      initialBackoff = initialBackoff == null ? Duration.ofMillis(500) : initialBackoff;
      maxBackoff = maxBackoff == null ? Duration.ofSeconds(15) : maxBackoff;
      rejectedRetry = rejectedRetry == null ? Duration.ofSeconds(60) : rejectedRetry;
      timeout = timeout == null ? Duration.ofSeconds(30) : timeout;
    }
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }
}
