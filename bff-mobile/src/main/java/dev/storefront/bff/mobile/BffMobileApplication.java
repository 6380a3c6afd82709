package dev.storefront.bff.mobile;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The mobile app's backend: screen-shaped REST/JSON under /v1 over persisted operations. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BffMobileApplication {

  public static void main(String[] args) {
    SpringApplication.run(BffMobileApplication.class, args);
  }
}
