package dev.storefront.bff.web;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * The browser app's backend (token handler): the browser holds only an HttpOnly session cookie; the
 * tokens accounts issues stay in Redis, and the web app's persisted operations go to the router
 * with the session's access token.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BffWebApplication {

  public static void main(String[] args) {
    SpringApplication.run(BffWebApplication.class, args);
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }
}
