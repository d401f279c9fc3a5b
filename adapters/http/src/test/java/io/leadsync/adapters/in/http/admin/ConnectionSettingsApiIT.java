package io.leadsync.adapters.in.http.admin;

import io.leadsync.domain.workspace.ApiKeyScope;
import io.leadsync.application.port.in.administer.CreateWorkspaceCommand;
import io.leadsync.application.port.in.administer.IssueApiKeyCommand;
import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.application.service.administer.CreateWorkspaceService;
import io.leadsync.application.service.administer.IssueApiKeyService;
import io.leadsync.application.testing.InMemoryApiKeyRepository;
import io.leadsync.application.testing.InMemoryAuditLog;
import io.leadsync.application.testing.InMemoryCrmConnectionRepository;
import io.leadsync.application.testing.InMemoryDeliveryQueue;
import io.leadsync.application.testing.InMemoryLeadRepository;
import io.leadsync.application.testing.InMemoryWorkspaceRepository;
import io.leadsync.application.testing.MutableClock;
import io.leadsync.application.testing.SequentialIds;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmIdentity;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.DefaultMappings;
import io.leadsync.domain.crm.SyncSettings;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.aLead;
import static org.assertj.core.api.Assertions.assertThat;

/** The settings, mapping, backfill and error ledger endpoints over HTTP, with the in-memory ports behind them. */
@MicronautTest(environments = "test")
class ConnectionSettingsApiIT {
    private static final String PROBLEM_JSON = "application/problem+json";

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    InMemoryWorkspaceRepository workspaces;
    @Inject
    InMemoryApiKeyRepository keys;
    @Inject
    InMemoryCrmConnectionRepository connections;
    @Inject
    InMemoryDeliveryQueue deliveries;
    @Inject
    InMemoryLeadRepository leads;
    @Inject
    InMemoryAuditLog audit;
    @Inject
    SequentialIds ids;
    @Inject
    MutableClock clock;

    private final HttpClient http = HttpClient.newHttpClient();
    private WorkspaceId workspace;
    private String key;
    private String connection;

    record Reply(int status, String contentType, String body, Map<String, Object> json) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors() {
            return (List<Map<String, Object>>) json.get("errors");
        }
    }

    @BeforeEach
    void setUp() {
        workspace = new CreateWorkspaceService(workspaces, ids, clock)
                .create(new CreateWorkspaceCommand("Acme " + UUID.randomUUID(), "Acme SDR")).id();
        key = new IssueApiKeyService(workspaces, keys, ids, ids, clock).issue(new IssueApiKeyCommand(workspace, "admin", java.util.EnumSet.allOf(ApiKeyScope.class)))
                .secret();
        ConnectionId id = new ConnectionId(UUID.randomUUID());
        CrmConnection salesforce = CrmConnection.start(id, workspace, CrmKind.SALESFORCE, SyncSettings.defaults(),
                DefaultMappings.salesforce("LeadSync"), T0);
        salesforce.authorised(new CrmIdentity("admin@acme.example", "Acme", "org-1", Optional.empty()), T0);
        salesforce.verified(T0);
        connections.insert(salesforce);
        connection = id.value().toString();
    }

    @Test
    void a_settings_patch_answers_the_connection_with_its_settings_and_mapping() {
        Reply reply = send("PATCH", "", "application/merge-patch+json",
                "{\"frequency\":\"REALTIME\",\"direction\":\"PUSH\",\"createLeadsFromCrm\":true}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json()).containsEntry("frequency", "REALTIME").containsEntry("direction", "PUSH")
                .containsEntry("conflictPolicy", "CRM_WINS").containsEntry("createRecordsInCrm", true)
                .containsEntry("createLeadsFromCrm", true);
        assertThat(reply.body()).contains("{\"appField\":\"jobTitle\",\"crmField\":\"Title\","
                + "\"direction\":\"BIDIRECTIONAL\",\"conflictPolicy\":null}");
        assertThat(audit.recent(workspace, 5)).extracting(entry -> entry.action()).contains("connection.settings-changed");
    }

    @Test
    void a_bad_patch_names_every_bad_member_with_its_rule_and_changes_nothing() {
        Reply reply = send("PATCH", "", "application/json", "{\"frequency\":\"WEEKLY\",\"direction\":null,"
                + "\"createRecordsInCrm\":\"yes\",\"colour\":\"blue\",\"conflictPolicy\":\"APP_WINS\"}");

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.contentType()).startsWith(PROBLEM_JSON);
        assertThat(reply.json()).containsEntry("type", "https://leadsync.io/problems/invalid-request");
        assertThat(reply.errors()).extracting(error -> error.get("pointer"))
                .containsExactlyInAnyOrder("/frequency", "/direction", "/createRecordsInCrm", "/colour");
        assertThat(reply.errors()).filteredOn(error -> error.get("field").equals("frequency")).singleElement()
                .satisfies(error -> assertThat((String) error.get("detail")).contains("EVERY_15_MIN"));
        assertThat(stored().settings()).isEqualTo(SyncSettings.defaults());
        assertThat(audit.recent(workspace, 5)).isEmpty();
    }

    @Test
    void another_workspaces_or_a_made_up_connection_is_not_found() {
        assertThat(send("PATCH", "", "application/json", "{\"frequency\":\"HOURLY\"}", "/api/admin/v1/connections/"
                + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(send("GET", "/mappings", null, null, "/api/admin/v1/connections/not-a-uuid/mappings").status())
                .isEqualTo(404);
    }

    @Test
    void the_mapping_reads_back_and_a_replacement_offers_a_backfill_of_the_changed_fields() {
        Reply current = send("GET", "/mappings", null, null);
        assertThat(current.status()).isEqualTo(200);
        String replaced = current.body().replace("\"crmField\":\"Title\"", "\"crmField\":\"Acme_Title__c\"")
                .replace("{\"appField\":\"about\",\"crmField\":\"Description\",\"direction\":\"BIDIRECTIONAL\","
                        + "\"conflictPolicy\":null},", "");

        Reply reply = send("PUT", "/mappings", "application/json", replaced);

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.body()).contains("\"backfill\":{\"available\":true,\"fields\":[\"jobTitle\"]}")
                .contains("Provision again").doesNotContain("\"about\"");
        assertThat(stored().mappings()).hasSize(20);
    }

    @Test
    void a_bad_mapping_is_refused_row_by_row_and_changes_nothing() {
        Reply reply = send("PUT", "/mappings", "application/json", """
                [{"appField":"leadId","crmField":"LeadSync_Lead_ID__c"},
                 {"appField":"outreachScore","crmField":"Title"},
                 {"appField":"nickname","crmField":"Nick__c","extra":1},
                 {"appField":"leadSource","crmField":"LeadSource","direction":"BIDIRECTIONAL"},
                 {"appField":"city","crmField":"City_Name"}]""");

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.errors()).extracting(error -> error.get("pointer")).containsExactlyInAnyOrder("/2/extra");
        Reply second = send("PUT", "/mappings", "application/json", """
                {"mappings":[{"appField":"leadId","crmField":"LeadSync_Lead_ID__c"},
                 {"appField":"outreachScore","crmField":"Title"},
                 {"appField":"nickname","crmField":"Nick__c"},
                 {"appField":"leadSource","crmField":"LeadSource","direction":"BIDIRECTIONAL"},
                 {"appField":"city","crmField":"City_Name"}]}""");
        assertThat(second.status()).isEqualTo(422);
        assertThat(second.errors()).extracting(error -> error.get("pointer")).containsExactlyInAnyOrder(
                "/mappings/1/crmField", "/mappings/2/appField", "/mappings/3/direction", "/mappings/4/crmField");
        assertThat(second.errors()).filteredOn(error -> error.get("pointer").equals("/mappings/1/crmField"))
                .singleElement().satisfies(error -> assertThat((String) error.get("detail"))
                        .contains("Title is a text field").contains("outreachScore is a number"));
        assertThat(stored().mappings()).isEqualTo(DefaultMappings.salesforce("LeadSync"));
    }

    @Test
    void a_backfill_queues_every_lead_and_says_how_many() {
        leads.insert(aLead().withId("bf-1").inWorkspace(workspace).build());
        leads.insert(aLead().withId("bf-2").inWorkspace(workspace).build());

        Reply reply = send("POST", "/backfill", "application/json", "{\"fields\":[\"jobTitle\"]}");
        Reply bad = send("POST", "/backfill", "application/json", "{\"fields\":[\"shoeSize\"]}");

        assertThat(reply.status()).as(reply.body()).isEqualTo(202);
        assertThat(reply.json()).containsEntry("queued", 2);
        assertThat(deliveries.all(workspace, id())).hasSize(2);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.errors()).extracting(error -> error.get("pointer")).containsExactly("/fields/0");
    }

    @Test
    void the_error_ledger_groups_failures_and_resyncs_a_group() {
        fail("byron", "REQUIRED_FIELD_MISSING: Required fields are missing: [Company]");
        fail("shelley", "REQUIRED_FIELD_MISSING: Required fields are missing: [Company]");
        fail("keats", "INVALID_EMAIL_ADDRESS: Email: invalid email address");

        Reply ledger = send("GET", "/errors", null, null);
        Reply both = send("POST", "/errors/resync", "application/json",
                "{\"leadIds\":[\"keats\"],\"errorType\":\"REQUIRED_FIELD_MISSING\"}");
        Reply group = send("POST", "/errors/resync", "application/json", "{\"errorType\":\"REQUIRED_FIELD_MISSING\"}");
        Reply rest = send("POST", "/errors/resync", null, null);

        assertThat(ledger.status()).isEqualTo(200);
        assertThat(ledger.json()).containsEntry("total", 3);
        assertThat(ledger.body()).contains("{\"errorType\":\"REQUIRED_FIELD_MISSING\",\"state\":\"FAILED\",\"count\":2,"
                + "\"sampleMessage\":\"REQUIRED_FIELD_MISSING: Required fields are missing: [Company]\","
                + "\"leadIds\":[\"byron\",\"shelley\"]}");
        assertThat(both.status()).isEqualTo(422);
        assertThat(group.json()).containsEntry("resynced", 2);
        assertThat(rest.json()).containsEntry("resynced", 1);
        assertThat(deliveries.all(workspace, id())).allSatisfy(delivery ->
                assertThat(delivery.state()).isEqualTo(DeliveryQueue.State.PENDING));
    }

    private void fail(String leadId, String reason) {
        deliveries.enqueue(workspace, id(), new LeadId(leadId), 1, T0);
        DeliveryQueue.Delivery delivery = deliveries.all(workspace, id()).stream()
                .filter(d -> d.leadId().value().equals(leadId)).findFirst().orElseThrow();
        deliveries.giveUp(delivery, DeliveryQueue.State.FAILED, reason, T0);
    }

    private ConnectionId id() {
        return new ConnectionId(UUID.fromString(connection));
    }

    private CrmConnection stored() {
        return connections.find(workspace, id()).orElseThrow();
    }

    private Reply send(String method, String suffix, String contentType, String body) {
        return send(method, suffix, contentType, body, "/api/admin/v1/connections/" + connection + suffix);
    }

    private Reply send(String method, String suffix, String contentType, String body, String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.getURI() + path))
                .header("Authorization", "Bearer " + key)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Map<String, Object> parsed = response.body().isBlank() ? Map.of()
                    : json.readValue(response.body(), Argument.mapOf(String.class, Object.class));
            return new Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), parsed);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
