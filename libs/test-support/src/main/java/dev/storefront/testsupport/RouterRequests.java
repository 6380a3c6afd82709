package dev.storefront.testsupport;

import dev.storefront.graphql.identity.ClientAddress;
import org.springframework.graphql.test.tester.HttpGraphQlTester;
import org.springframework.http.HttpHeaders;

/** Requests as the router sends them: the caller's access token, the client's address. */
public final class RouterRequests {

  private RouterRequests() {}

  /** A signed-in user with these scopes: a real token the subgraph verifies. */
  public static HttpGraphQlTester as(HttpGraphQlTester graphQl, String userId, String... scopes) {
    return withToken(graphQl, TestAccessTokens.mint(userId, scopes));
  }

  /** A request carrying this token as {@code Authorization: Bearer}. */
  public static HttpGraphQlTester withToken(HttpGraphQlTester graphQl, String token) {
    return graphQl.mutate().header(HttpHeaders.AUTHORIZATION, "Bearer " + token).build();
  }

  /** A client at this address. */
  public static HttpGraphQlTester from(HttpGraphQlTester graphQl, String clientAddress) {
    return graphQl.mutate().header(ClientAddress.HEADER, clientAddress).build();
  }
}
