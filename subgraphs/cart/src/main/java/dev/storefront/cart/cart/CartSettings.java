package dev.storefront.cart.cart;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

@ConfigurationProperties("cart")
public record CartSettings(URI catalogUrl, Duration ttl, int maxLines) {}
