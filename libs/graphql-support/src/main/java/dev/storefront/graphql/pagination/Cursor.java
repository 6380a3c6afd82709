package dev.storefront.graphql.pagination;

import dev.storefront.graphql.error.ClientError;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * An opaque keyset cursor: the sort it belongs to and the sort key values of the row it points at.
 * Encoded as URL-safe base64 so clients treat it as a token; decoding validates it so a tampered
 * cursor is a BAD_USER_INPUT, not a server error.
 */
public record Cursor(String sort, List<String> values) {

  private static final String VERSION = "v1";
  private static final char SEPARATOR = '\u001f';

  public Cursor {
    values = List.copyOf(values);
  }

  public static Cursor of(String sort, String... values) {
    return new Cursor(sort, Arrays.asList(values));
  }

  public String encode() {
    String raw =
        VERSION + SEPARATOR + sort + SEPARATOR + String.join(String.valueOf(SEPARATOR), values);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  public static Cursor decode(String encoded) {
    String raw;
    try {
      raw = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw malformed();
    }
    String[] parts = raw.split(String.valueOf(SEPARATOR), -1);
    if (parts.length < 3 || !VERSION.equals(parts[0])) {
      throw malformed();
    }
    return new Cursor(parts[1], Arrays.asList(parts).subList(2, parts.length));
  }

  /** The cursor's values, checked to belong to the given sort and to have the expected count. */
  public List<String> valuesFor(String expectedSort, int expectedCount) {
    if (!sort.equals(expectedSort)) {
      throw ClientError.badUserInput(
          "after", "The cursor belongs to another sort order; request the first page again");
    }
    if (values.size() != expectedCount) {
      throw malformed();
    }
    return values;
  }

  static ClientError malformed() {
    return ClientError.badUserInput("after", "The cursor is malformed");
  }
}
