package dev.storefront.bff.web.login;

/** {@code POST /auth/login}'s body. */
public record LoginRequest(String email, String password) {

  @Override
  public String toString() {
    return "LoginRequest[email=" + email + "]";
  }
}
