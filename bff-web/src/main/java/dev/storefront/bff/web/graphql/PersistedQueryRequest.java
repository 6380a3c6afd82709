package dev.storefront.bff.web.graphql;

import dev.storefront.bff.problem.GraphQlProblemException;
import dev.storefront.bff.problem.GraphQlProblems;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@code POST /graphql} body that names a persisted operation, by {@code documentId} or APQ-style
 * by {@code extensions.persistedQuery.sha256Hash}. A body with a {@code query} text is refused: the
 * web app runs only the operations it was built with.
 */
record PersistedQueryRequest(
    String documentId, String operationName, Map<String, Object> variables) {

  @SuppressWarnings("unchecked")
  static PersistedQueryRequest parse(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw badRequest("The body must be a JSON object.");
    }
    if (!body.path("query").isMissingNode() && !body.path("query").isNull()) {
      throw badRequest(
          "Only persisted operations are accepted: send documentId or"
              + " extensions.persistedQuery.sha256Hash, not a query.");
    }
    String id = text(body.path("documentId"), "documentId");
    if (id == null) {
      JsonNode persisted = body.path("extensions").path("persistedQuery");
      if (!persisted.isMissingNode() && !persisted.isNull()) {
        JsonNode version = persisted.path("version");
        if (!version.isMissingNode() && !(version.isIntegralNumber() && version.asInt() == 1)) {
          throw badRequest("Only version 1 of persisted queries is supported.");
        }
        id = text(persisted.path("sha256Hash"), "extensions.persistedQuery.sha256Hash");
      }
    }
    if (id == null) {
      throw badRequest(
          "Name a persisted operation: documentId or extensions.persistedQuery.sha256Hash.");
    }
    String operationName = text(body.path("operationName"), "operationName");
    JsonNode variables = body.path("variables");
    Map<String, Object> vars;
    if (variables.isMissingNode() || variables.isNull()) {
      vars = Map.of();
    } else if (variables.isObject()) {
      vars = JsonMapper.shared().convertValue(variables, Map.class);
    } else {
      throw badRequest("variables must be a JSON object.");
    }
    return new PersistedQueryRequest(id, operationName, vars);
  }

  private static String text(JsonNode node, String name) {
    if (node.isMissingNode() || node.isNull()) {
      return null;
    }
    if (!node.isString() || node.asString().isBlank()) {
      throw badRequest(name + " must be a non-empty string.");
    }
    return node.asString();
  }

  private static GraphQlProblemException badRequest(String detail) {
    return new GraphQlProblemException(GraphQlProblems.badRequest(detail));
  }
}
