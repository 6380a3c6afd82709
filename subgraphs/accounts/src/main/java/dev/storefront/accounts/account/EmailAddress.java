package dev.storefront.accounts.account;

import java.util.Locale;
import java.util.regex.Pattern;

/** Email addresses as accounts stores and compares them. */
public final class EmailAddress {

  /** RFC 5321's limit on a forward path. */
  public static final int MAX_LENGTH = 254;

  // Deliberately loose: one @, no blanks, a dot in the domain. Whether it receives mail is for a
  // confirmation mail to find out, not for a pattern.
  private static final Pattern PLAUSIBLE = Pattern.compile("[^\\s@]+@[^\\s@]+\\.[^\\s@.]+");

  private EmailAddress() {}

  /** Trimmed and lower-cased, so that one mailbox is one account however it is typed. */
  public static String normalise(String email) {
    return email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
  }

  public static boolean isPlausible(String normalised) {
    return normalised.length() <= MAX_LENGTH && PLAUSIBLE.matcher(normalised).matches();
  }
}
