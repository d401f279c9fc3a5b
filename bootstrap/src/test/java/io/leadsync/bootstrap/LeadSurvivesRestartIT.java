package io.leadsync.bootstrap;

import io.leadsync.application.port.in.administer.IssuedApiKey;
import io.leadsync.application.port.in.administer.SetUpFirstWorkspaceCommand;
import io.leadsync.application.port.in.administer.SetUpFirstWorkspaceUseCase;
import io.leadsync.application.port.out.WorkspaceRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The "done when": a lead posted over HTTP is still there after LeadSync and its database restart. */
class LeadSurvivesRestartIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path home;

    @Test
    void a_posted_lead_is_still_there_after_a_restart_and_the_first_start_key_is_made_once() throws Exception {
        String key;
        try (RunningLeadSync leadSync = RunningLeadSync.start(home, Map.of("leadsync.first-start.enabled", false))) {
            IssuedApiKey issued = leadSync.context().getBean(SetUpFirstWorkspaceUseCase.class)
                    .setUp(new SetUpFirstWorkspaceCommand("Acme", "Acme SDR")).orElseThrow().agent();
            key = issued.secret();

            HttpResponse<String> created = send(leadSync, HttpRequest.newBuilder(URI.create(leadSync.url() + "/api/v1/leads"))
                    .header("Authorization", "Bearer " + key)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"leadId":"lead-restart","firstName":"Ada","lastName":"Lovelace",
                             "workEmail":"Ada@Analytical.example","outreachScore":72}""")));
            assertThat(created.statusCode()).isEqualTo(201);
        }

        try (RunningLeadSync leadSync = RunningLeadSync.start(home, Map.of())) {
            HttpResponse<String> read = send(leadSync, HttpRequest.newBuilder(
                            URI.create(leadSync.url() + "/api/v1/leads/lead-restart"))
                    .header("Authorization", "Bearer " + key).GET());

            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(read.body()).contains("\"lastName\":\"Lovelace\"")
                    .contains("\"workEmail\":\"ada@analytical.example\"")
                    .contains("\"outreachScore\":72");
            // The installation already had a workspace, so the first start created no second one.
            assertThat(leadSync.context().getBean(WorkspaceRepository.class).all()).hasSize(1);
        }
    }

    @Test
    void health_is_up_without_a_key() throws Exception {
        try (RunningLeadSync leadSync = RunningLeadSync.start(home, Map.of("leadsync.first-start.enabled", false))) {
            HttpResponse<String> health = send(leadSync,
                    HttpRequest.newBuilder(URI.create(leadSync.url() + "/health")).GET());

            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(health.body()).contains("\"status\":\"UP\"");
        }
    }

    private HttpResponse<String> send(RunningLeadSync leadSync, HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
