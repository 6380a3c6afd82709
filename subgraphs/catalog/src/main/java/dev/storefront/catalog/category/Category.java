package dev.storefront.catalog.category;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

@Table("categories")
public record Category(@Id Long id, String name, String slug) {}
