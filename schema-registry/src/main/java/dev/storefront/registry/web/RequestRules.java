package dev.storefront.registry.web;

import dev.storefront.registry.RegistryProperties;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/** What the registry accepts from callers; every refusal is a 4xx with a sentence saying why. */
@Component
public class RequestRules {

  static final Pattern SUBGRAPH_NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
  static final Pattern CLIENT_PART = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
  static final int MAX_LABEL = 200;

  private final long maxSdlBytes;

  public RequestRules(RegistryProperties properties) {
    this.maxSdlBytes = properties.maxSdlBytes();
  }

  public String subgraphName(String name) {
    if (name == null || !SUBGRAPH_NAME.matcher(name).matches()) {
      throw badRequest(
          "subgraph names are lower-case letters, digits and '-', starting with a letter (got '"
              + name
              + "')");
    }
    return name;
  }

  public String clientPart(String what, String value) {
    if (value == null || !CLIENT_PART.matcher(value).matches()) {
      throw badRequest(
          what + " must be 1-100 letters, digits, '.', '_' or '-' (got '" + value + "')");
    }
    return value;
  }

  public String sdl(String sdl) {
    if (sdl == null || sdl.isBlank()) {
      throw badRequest("sdl is required and must not be empty");
    }
    if (sdl.getBytes(StandardCharsets.UTF_8).length > maxSdlBytes) {
      throw new ResponseStatusException(
          HttpStatus.CONTENT_TOO_LARGE, "sdl is larger than %d bytes".formatted(maxSdlBytes));
    }
    return sdl;
  }

  public String routingUrl(String url) {
    if (url == null || url.isBlank()) {
      throw badRequest("url (the subgraph's routing URL) is required");
    }
    try {
      URI uri = new URI(url);
      if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          || uri.getHost() == null) {
        throw badRequest("url must be an absolute http(s) URL (got '" + url + "')");
      }
      return url;
    } catch (URISyntaxException e) {
      throw badRequest("url is not a valid URL: " + e.getMessage());
    }
  }

  public String label(String label) {
    if (label != null && label.length() > MAX_LABEL) {
      throw badRequest("label may be at most " + MAX_LABEL + " characters");
    }
    return label == null || label.isBlank() ? null : label;
  }

  public static ResponseStatusException badRequest(String message) {
    return new ResponseStatusException(HttpStatus.BAD_REQUEST, message);
  }

  public static ResponseStatusException notFound(String message) {
    return new ResponseStatusException(HttpStatus.NOT_FOUND, message);
  }
}
