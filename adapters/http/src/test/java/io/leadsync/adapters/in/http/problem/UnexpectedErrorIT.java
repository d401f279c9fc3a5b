package io.leadsync.adapters.in.http.problem;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(environments = "test")
class UnexpectedErrorIT {
    @Inject
    EmbeddedServer server;

    @Test
    void an_unexpected_failure_is_a_generic_500_problem_without_internals() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(server.getURI().resolve("/test/failing")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith(ProblemResponses.APPLICATION_PROBLEM_JSON));
        assertThat(response.body()).contains("\"status\":500").contains(ProblemType.INTERNAL_ERROR.uri())
                .doesNotContain("hunter2").doesNotContain("IllegalStateException").doesNotContain("at io.");
    }
}
