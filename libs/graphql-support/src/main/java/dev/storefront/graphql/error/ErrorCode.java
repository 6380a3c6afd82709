package dev.storefront.graphql.error;

/** The {@code extensions.code} values a client can act on (Apollo's conventions). */
public enum ErrorCode {
  BAD_USER_INPUT,
  NOT_FOUND,
  UNAUTHENTICATED,
  FORBIDDEN,
  CONFLICT,
  TOO_MANY_REQUESTS,
  GRAPHQL_PARSE_FAILED,
  GRAPHQL_VALIDATION_FAILED,
  INTERNAL_SERVER_ERROR
}
