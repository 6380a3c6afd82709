package dev.storefront.sandbox.cardprocessor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class CardProcessorSandboxApplication {
  public static void main(String[] args) {
    SpringApplication.run(CardProcessorSandboxApplication.class, args);
  }
}
