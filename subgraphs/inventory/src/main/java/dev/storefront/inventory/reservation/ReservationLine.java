package dev.storefront.inventory.reservation;

/** Units of one product an order asks for. */
public record ReservationLine(long productId, int quantity) {}
