package io.leadsync.bootstrap;

import io.leadsync.domain.workspace.ApiKeyScope;
import io.leadsync.application.port.in.administer.CreateWorkspaceCommand;
import io.leadsync.application.port.in.administer.CreateWorkspaceUseCase;
import io.leadsync.application.port.in.administer.IssueApiKeyCommand;
import io.leadsync.application.port.in.administer.IssueApiKeyUseCase;
import io.leadsync.domain.workspace.Workspace;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The issue's "done when" for bad input, through the whole running LeadSync on PostgreSQL: every refusal is
 * problem+json naming what is wrong, and the database holds exactly what it held before.
 */
class BadInputWritesNothingIT {
    @TempDir
    static Path home;

    private static RunningLeadSync leadSync;
    private static String key;
    private static String otherWorkspacesKey;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        leadSync = RunningLeadSync.start(home, Map.of("leadsync.first-start.enabled", false));
        Workspace acme = leadSync.context().getBean(CreateWorkspaceUseCase.class)
                .create(new CreateWorkspaceCommand("Acme", "Acme SDR"));
        Workspace globex = leadSync.context().getBean(CreateWorkspaceUseCase.class)
                .create(new CreateWorkspaceCommand("Globex", "Globex SDR"));
        IssueApiKeyUseCase issue = leadSync.context().getBean(IssueApiKeyUseCase.class);
        key = issue.issue(new IssueApiKeyCommand(acme.id(), "agent", java.util.EnumSet.allOf(ApiKeyScope.class))).secret();
        otherWorkspacesKey = issue.issue(new IssueApiKeyCommand(globex.id(), "agent", java.util.EnumSet.allOf(ApiKeyScope.class))).secret();
        HttpResponse<String> seeded = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(leadSync.url() + "/api/v1/leads"))
                .header("Authorization", "Bearer " + otherWorkspacesKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"leadId\":\"globex-1\",\"lastName\":\"Secret\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(seeded.statusCode()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        leadSync.close();
    }

    @Test
    void a_lead_without_a_last_name_is_refused_naming_the_field() throws Exception {
        HttpResponse<String> response = post(key, "{\"leadId\":\"l-1\",\"firstName\":\"Ada\"}");

        assertProblem(response, 422).contains("lastName");
        assertNothingWritten();
    }

    @Test
    void a_malformed_email_is_refused_naming_the_field() throws Exception {
        HttpResponse<String> response = post(key, "{\"leadId\":\"l-1\",\"lastName\":\"Lovelace\",\"workEmail\":\"ada@\"}");

        assertProblem(response, 422).contains("workEmail");
        assertNothingWritten();
    }

    @Test
    void wrong_json_types_are_all_named_at_once() throws Exception {
        HttpResponse<String> response = post(key,
                "{\"leadId\":\"l-1\",\"lastName\":\"Lovelace\",\"firstName\":42,\"outreachScore\":\"high\",\"isDql\":\"yes\"}");

        assertProblem(response, 422).contains("firstName").contains("outreachScore").contains("isDql");
        assertNothingWritten();
    }

    @Test
    void an_unknown_field_is_refused_rather_than_dropped() throws Exception {
        HttpResponse<String> response = post(key, "{\"leadId\":\"l-1\",\"lastName\":\"Lovelace\",\"favouriteColour\":\"red\"}");

        assertProblem(response, 422).contains("favouriteColour");
        assertNothingWritten();
    }

    @Test
    void malformed_json_is_a_bad_request() throws Exception {
        HttpResponse<String> response = post(key, "{\"leadId\":\"l-1\",\"lastName\":");

        assertProblem(response, 400);
        assertNothingWritten();
    }

    @Test
    void a_two_mebibyte_body_is_refused() throws Exception {
        String about = "x".repeat(2 * 1024 * 1024);
        HttpResponse<String> response = post(key, "{\"leadId\":\"l-1\",\"lastName\":\"Lovelace\",\"about\":\"" + about + "\"}");

        assertThat(response.statusCode()).isEqualTo(413);
        assertNothingWritten();
    }

    @Test
    void a_missing_or_wrong_key_is_unauthorised() throws Exception {
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(URI.create(leadSync.url() + "/api/v1/leads"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"leadId\":\"l-1\",\"lastName\":\"Lovelace\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> wrong = post("lsk_not-a-key-at-all", "{\"leadId\":\"l-1\",\"lastName\":\"Lovelace\"}");

        assertProblem(missing, 401);
        assertProblem(wrong, 401);
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertNothingWritten();
    }

    @Test
    void another_workspaces_lead_is_not_found_for_reading_or_changing() throws Exception {
        HttpResponse<String> read = http.send(HttpRequest.newBuilder(URI.create(leadSync.url() + "/api/v1/leads/globex-1"))
                .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> patch = http.send(HttpRequest.newBuilder(URI.create(leadSync.url() + "/api/v1/leads/globex-1"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"lastName\":\"Hacked\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertProblem(read, 404).doesNotContain("Secret");
        assertProblem(patch, 404);
        assertNothingWritten();
    }

    private HttpResponse<String> post(String apiKey, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(leadSync.url() + "/api/v1/leads"))
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static org.assertj.core.api.AbstractStringAssert<?> assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        return assertThat(response.body()).contains("\"status\":" + status);
    }

    /** Only Globex's one lead, created once, with its one outbox entry and nothing else. */
    private static void assertNothingWritten() throws Exception {
        try (Connection connection = leadSync.openDatabaseConnection();
             Statement statement = connection.createStatement()) {
            assertThat(count(statement, "select count(*) from leads")).isEqualTo(1);
            assertThat(count(statement, "select count(*) from leads where last_name = 'Secret' and version = 1")).isEqualTo(1);
            assertThat(count(statement, "select count(*) from outbox")).isEqualTo(1);
        }
    }

    private static long count(Statement statement, String sql) throws Exception {
        try (ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }
}
