package dev.storefront.registry;

import dev.storefront.testsupport.ServiceTest;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * The registry on a random port with the test principals ({@code registry-principals.json}: each
 * principal's token is {@code <name>-test-token}, see {@link RegistryFixture#bearer}) and {@link
 * RegistryRequests} to call it.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ServiceTest
@Import(RegistryRequests.class)
@TestPropertySource(
    properties = "storefront.registry.principals-file=" + RegistryFixture.PRINCIPALS_FILE)
@interface RegistryTest {}
