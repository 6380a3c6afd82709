package dev.storefront.bff.mobile.support;

import dev.storefront.bff.problem.GraphQlProblemException;
import dev.storefront.bff.problem.GraphQlProblems;

/** Checks of query parameters and path variables: a bad value is a 400 problem. */
public final class Params {

  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 50;

  private Params() {}

  /** {@code limit}: 1 to 50, 20 when absent. */
  public static int limit(String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(value.strip());
      if (limit >= 1 && limit <= MAX_LIMIT) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // below
    }
    throw badRequest("limit must be a whole number from 1 to " + MAX_LIMIT + ".");
  }

  /** An optional text of at most {@code max} characters; null when absent or blank. */
  public static String text(String name, String value, int max) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.length() > max) {
      throw badRequest(name + " may be at most " + max + " characters.");
    }
    return value.strip();
  }

  /** A required id (path variable) of at most 100 characters. */
  public static String id(String name, String value) {
    if (value == null || value.isBlank() || value.length() > 100) {
      throw badRequest(name + " must be 1 to 100 characters.");
    }
    return value;
  }

  public static GraphQlProblemException badRequest(String detail) {
    return new GraphQlProblemException(GraphQlProblems.badRequest(detail));
  }
}
