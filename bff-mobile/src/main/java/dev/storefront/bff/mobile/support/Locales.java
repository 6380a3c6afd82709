package dev.storefront.bff.mobile.support;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.web.server.ServerWebExchange;

/** The locale prices are formatted for: the first usable one in {@code Accept-Language}. */
public final class Locales {

  public static final Locale DEFAULT = Locale.US;
  private static final Set<Locale> AVAILABLE = Set.of(java.text.NumberFormat.getAvailableLocales());

  private Locales() {}

  public static Locale of(ServerWebExchange exchange) {
    List<Locale> requested;
    try {
      requested = exchange.getRequest().getHeaders().getAcceptLanguageAsLocales();
    } catch (IllegalArgumentException e) {
      return DEFAULT;
    }
    for (Locale locale : requested) {
      if (locale.getLanguage().isEmpty()) {
        continue;
      }
      if (AVAILABLE.contains(locale)) {
        return locale;
      }
      Locale language = Locale.of(locale.getLanguage());
      if (AVAILABLE.contains(language)) {
        return language;
      }
    }
    return DEFAULT;
  }
}
