package dev.storefront.orders.checkout;

import java.time.Instant;
import java.util.List;

/**
 * The cart as checkout read it: its lines, and its {@code updatedAt}, which the order keeps so that
 * its confirmation takes out only the lines that were in the cart at that moment.
 */
public record CheckedOutCart(List<CartLine> lines, Instant updatedAt) {}
