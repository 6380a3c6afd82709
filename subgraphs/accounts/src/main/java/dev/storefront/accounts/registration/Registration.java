package dev.storefront.accounts.registration;

import dev.storefront.accounts.account.EmailAddress;
import dev.storefront.graphql.error.ClientError;
import java.util.Map;

/** A validated {@code RegisterInput}: normalised email, password, trimmed display name. */
record Registration(String email, String password, String displayName) {

  static final int MIN_PASSWORD = 10;
  static final int MAX_PASSWORD = 128;
  static final int MAX_DISPLAY_NAME = 80;

  static Registration from(Map<String, Object> input) {
    String email = EmailAddress.normalise(text(input, "email"));
    if (!EmailAddress.isPlausible(email)) {
      throw ClientError.badUserInput(
          "input.email", "email must be an email address such as ada@example.com");
    }
    String password = text(input, "password");
    int length = password.codePointCount(0, password.length());
    if (length < MIN_PASSWORD || length > MAX_PASSWORD) {
      throw ClientError.badUserInput(
          "input.password",
          "password must be %d to %d characters long".formatted(MIN_PASSWORD, MAX_PASSWORD));
    }
    String displayName = text(input, "displayName").strip();
    int nameLength = displayName.codePointCount(0, displayName.length());
    if (nameLength < 1 || nameLength > MAX_DISPLAY_NAME) {
      throw ClientError.badUserInput(
          "input.displayName",
          "displayName must be 1 to %d characters long (surrounding blanks do not count)"
              .formatted(MAX_DISPLAY_NAME));
    }
    return new Registration(email, password, displayName);
  }

  private static String text(Map<String, Object> input, String field) {
    Object value = input.get(field);
    return value == null ? "" : value.toString();
  }

  /** Never print the password, e.g. in a log line that shows this record. */
  @Override
  public String toString() {
    return "Registration[email=" + email + ", displayName=" + displayName + "]";
  }
}
