package dev.storefront.graphql.client;

import java.net.URI;
import org.springframework.web.reactive.function.client.WebClient;

/** Makes {@link SubgraphClient}s that present the platform's shared secret, as the router does. */
public class SubgraphClients {

  private final WebClient.Builder webClients;
  private final String secret;

  public SubgraphClients(WebClient.Builder webClients, String secret) {
    this.webClients = webClients;
    this.secret = secret;
  }

  public SubgraphClient of(String name, URI url) {
    return new SubgraphClient(name, url, webClients.clone().build(), secret);
  }
}
