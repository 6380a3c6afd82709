package dev.storefront.telemetry;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where spans go.
 *
 * @param zipkinUrl Zipkin's span endpoint (http://host:9411/api/v2/spans); blank: spans are not
 *     exported
 */
@ConfigurationProperties("storefront.telemetry")
public record TelemetrySettings(String zipkinUrl) {}
