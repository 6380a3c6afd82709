package dev.storefront.reviews;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class ReviewsApplication {
  public static void main(String[] args) {
    SpringApplication.run(ReviewsApplication.class, args);
  }
}
