package io.leadsync.adapters.in.http.problem;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

/** A route that fails the way a bug would, with a message that must never reach the client. */
@Controller("/test/failing")
@Secured(SecurityRule.IS_ANONYMOUS)
final class FailingController {
    static final String SECRET = "password=hunter2 in SELECT * FROM leads";

    @Get
    String fail() {
        throw new IllegalStateException(SECRET);
    }
}
