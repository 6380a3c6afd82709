package dev.storefront.inventory.stock;

import dev.storefront.graphql.money.Money;

/**
 * Named Product because DGS resolves federation entities by class name. A catalog product as the
 * router hands it over: its id and, for shipping, the weight and price catalog owns (the fields
 * {@code @requires} asks for). Weight and price are null when the router did not need them for the
 * requested fields.
 */
public record Product(String id, Integer weightGrams, Money price) {}
