package io.leadsync.adapters.in.http.admin;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The admin API's OpenAPI document, open to anyone (it holds no data). Hand-written like the agent API's: the bodies
 * are parsed by hand for their error reporting, so generated schemas would describe nothing; AdminOpenApiDocumentIT
 * keeps it matching the routes.
 */
@Controller("/api/admin/v1/openapi.yaml")
@Secured(SecurityRule.IS_ANONYMOUS)
final class AdminOpenApiController {
    static final String RESOURCE = "openapi/admin-api.yaml";
    private final String document;

    AdminOpenApiController() {
        try (InputStream in = AdminOpenApiController.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get(produces = "application/yaml")
    HttpResponse<String> document() {
        return HttpResponse.ok(document);
    }
}
