package dev.storefront.messaging.it;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A service of its own for the library's tests: handlers, the real database and broker. */
@SpringBootApplication
public class MessagingTestApplication {}
