package dev.storefront.registry.runner;

/** One difference between two schemas, classified BREAKING, DANGEROUS or SAFE for clients. */
public record SchemaChange(
    String criticality, String type, String message, String path, String reason) {

  public boolean breaking() {
    return "BREAKING".equals(criticality);
  }
}
