package dev.storefront.testsupport;

import dev.storefront.graphql.identity.ClientAddress;
import dev.storefront.graphql.identity.CurrentUser;
import org.springframework.graphql.test.tester.HttpGraphQlTester;

/** Requests as the router sends them for a verified caller: its identity headers. */
public final class RouterRequests {

  private RouterRequests() {}

  /** A signed-in user with these scopes. */
  public static HttpGraphQlTester as(HttpGraphQlTester graphQl, String userId, String... scopes) {
    return graphQl
        .mutate()
        .header(CurrentUser.HEADER, userId)
        .header(CurrentUser.SCOPES_HEADER, String.join(" ", scopes))
        .build();
  }

  /** A client at this address. */
  public static HttpGraphQlTester from(HttpGraphQlTester graphQl, String clientAddress) {
    return graphQl.mutate().header(ClientAddress.HEADER, clientAddress).build();
  }
}
