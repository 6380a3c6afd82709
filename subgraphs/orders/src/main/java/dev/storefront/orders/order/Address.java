package dev.storefront.orders.order;

public record Address(
    String name, String line1, String line2, String postalCode, String city, String country) {}
