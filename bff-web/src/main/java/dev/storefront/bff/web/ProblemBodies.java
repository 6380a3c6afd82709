package dev.storefront.bff.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.ProblemDetail;

/**
 * A problem as a JSON object, for the places that write one themselves rather than through an
 * exception handler (a web filter's refusal, an error event of a stream): {@code type}, {@code
 * title}, {@code status}, {@code detail}, {@code instance} when it has one, then its properties.
 */
public final class ProblemBodies {

  private ProblemBodies() {}

  public static Map<String, Object> of(ProblemDetail problem) {
    var body = new LinkedHashMap<String, Object>();
    body.put("type", String.valueOf(problem.getType()));
    body.put("title", problem.getTitle());
    body.put("status", problem.getStatus());
    body.put("detail", problem.getDetail());
    if (problem.getInstance() != null) {
      body.put("instance", problem.getInstance().toString());
    }
    if (problem.getProperties() != null) {
      body.putAll(problem.getProperties());
    }
    return body;
  }
}
