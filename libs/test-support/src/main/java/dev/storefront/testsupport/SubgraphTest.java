package dev.storefront.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.graphql.test.autoconfigure.tester.AutoConfigureHttpGraphQlTester;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;

/**
 * A subgraph started on a random port against the machine's real PostgreSQL (and Redis, where the
 * service uses it), with an {@code HttpGraphQlTester} that goes through the HTTP layer exactly as
 * the router does. The database is the service's own with a {@code _test} suffix, so tests never
 * touch development data; see {@link TestDatabaseEnvironmentPostProcessor}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureHttpGraphQlTester
@AutoConfigureWebTestClient
public @interface SubgraphTest {}
