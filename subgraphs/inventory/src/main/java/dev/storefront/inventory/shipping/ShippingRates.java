package dev.storefront.inventory.shipping;

import java.math.BigDecimal;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** Standard parcel rates, from {@code inventory.shipping} in application.yml. */
@ConfigurationProperties("inventory.shipping")
public record ShippingRates(
    BigDecimal base,
    int includedGrams,
    BigDecimal perExtraStep,
    int extraStepGrams,
    BigDecimal freeFrom) {}
