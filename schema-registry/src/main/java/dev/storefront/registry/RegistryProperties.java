package dev.storefront.registry;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

@ConfigurationProperties("storefront.registry")
public record RegistryProperties(
    long maxSdlBytes,
    String nodeCommand,
    String npmCommand,
    Path runnerDirectory,
    Duration runnerTimeout) {}
