package dev.storefront.bff.mobile.support;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI description's header (served at /v3/api-docs, Swagger UI at /swagger-ui.html). */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
    info =
        @Info(
            title = "Storefront mobile API",
            version = "v1",
            description =
                "Screen-shaped JSON for the mobile app. Errors are RFC 9457 problem details"
                    + " (application/problem+json) with a `code`. Cart, checkout and orders need"
                    + " `Authorization: Bearer <access token>`: the app signs in with the router's"
                    + " `login` mutation (POST /graphql) and refreshes with `refreshToken`."))
@SecurityScheme(
    name = "bearer",
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    bearerFormat = "JWT")
public class OpenApiConfiguration {}
