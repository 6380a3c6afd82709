package dev.storefront.orders.checkout;

import dev.storefront.graphql.money.Money;

/** A line of the cart as checkout reads it, priced by the catalog now. */
public record CartLine(long productId, int quantity, Money unitPrice) {}
