package io.leadsync.adapters.in.http.agent;

import io.leadsync.adapters.in.http.agent.AgentApiClient.Reply;
import io.leadsync.adapters.in.http.agent.InMemoryCoreFactory.TestKeys;
import io.leadsync.application.testing.InMemoryLeadRepository;
import io.leadsync.application.testing.InMemoryOutbox;
import io.leadsync.application.testing.MutableClock;
import io.leadsync.domain.lead.LeadId;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(environments = "test")
class LeadApiIT {
    private static final String PROBLEM_JSON = "application/problem+json";

    @Inject
    EmbeddedServer server;
    @Inject
    JsonMapper json;
    @Inject
    TestKeys keys;
    @Inject
    InMemoryLeadRepository leads;
    @Inject
    InMemoryOutbox outbox;
    @Inject
    MutableClock clock;

    private AgentApiClient api;

    @BeforeEach
    void connect() {
        api = new AgentApiClient(server.getURI(), json);
    }

    private static String ada(String leadId) {
        return """
                {"leadId": "%s", "firstName": "Ada", "lastName": "Lovelace", "workEmail": "Ada@Analytical.example",
                 "companyName": "Analytical Engines", "outreachScore": 72, "isDql": false,
                 "lastVisitAt": "2026-01-31T10:30:00+01:00", "agentId": "agent-7"}
                """.formatted(leadId);
    }

    @Test
    @SuppressWarnings("unchecked")
    void a_new_lead_is_created_with_its_location_and_every_field_as_stored() {
        Reply reply = api.post(keys.key(), ada("create-1"));

        assertThat(reply.status()).isEqualTo(201);
        assertThat(reply.header("Location")).isEqualTo("/api/v1/leads/create-1");
        assertThat(reply.json())
                .containsEntry("leadId", "create-1")
                .containsEntry("lastName", "Lovelace")
                .containsEntry("workEmail", "ada@analytical.example")
                .containsEntry("outreachScore", 72)
                .containsEntry("isDql", false)
                .containsEntry("lastVisitAt", "2026-01-31T09:30:00Z")
                .containsEntry("status", "NEW")
                .containsEntry("version", 1)
                .containsEntry("jobTitle", null)
                .containsKeys("createdAt", "updatedAt", "changedAt", "changedFields");
        assertThat((Map<String, Object>) reply.json().get("changedAt")).containsKeys("lastName", "workEmail", "status");
    }

    @Test
    void the_same_payload_twice_answers_200_and_leaves_the_version_alone() {
        api.post(keys.key(), ada("idem-1"));
        int outboxBefore = outbox.all().size();

        Reply again = api.post(keys.key(), ada("idem-1"));

        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json()).containsEntry("version", 1).containsEntry("changedFields", List.of());
        assertThat(outbox.all()).hasSize(outboxBefore);
    }

    @Test
    void a_changed_payload_updates_the_lead_and_answers_200_with_the_changed_fields() {
        api.post(keys.key(), ada("update-1"));
        clock.advance(Duration.ofMinutes(5));

        Reply reply = api.post(keys.key(), "{\"leadId\": \"update-1\", \"jobTitle\": \"Countess\"}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).containsEntry("version", 2).containsEntry("jobTitle", "Countess")
                .containsEntry("lastName", "Lovelace").containsEntry("changedFields", List.of("jobTitle"));
    }

    @Test
    void patch_clears_a_field_sent_as_null_and_keeps_the_absent_ones() {
        api.post(keys.key(), ada("patch-1"));

        Reply reply = api.patch(keys.key(), "patch-1", "{\"companyName\": null, \"visitCount\": 3}");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json()).containsEntry("companyName", null).containsEntry("visitCount", 3)
                .containsEntry("firstName", "Ada").containsEntry("version", 2);
        assertThat(api.get(keys.key(), "/api/v1/leads/patch-1").json()).containsEntry("companyName", null);
    }

    @Test
    void patch_accepts_plain_json_too_and_refuses_an_unknown_lead_with_404() {
        api.post(keys.key(), ada("patch-2"));

        Reply plain = api.send("PATCH", "/api/v1/leads/patch-2", keys.key(), "application/json",
                "{\"city\": \"London\"}");
        Reply unknown = api.patch(keys.key(), "nobody", "{\"city\": \"London\"}");

        assertThat(plain.status()).isEqualTo(200);
        assertThat(plain.json()).containsEntry("city", "London");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.header("Content-Type")).startsWith(PROBLEM_JSON);
    }

    @Test
    void every_bad_field_is_listed_at_once_and_nothing_is_written() {
        int outboxBefore = outbox.all().size();
        String body = """
                {"leadId": "bad-1", "firstName": 42, "workEmail": "not-an-email", "outreachScore": "80",
                 "aiScore": 7.5, "isDql": "yes", "favouriteColour": "blue"}
                """;

        Reply reply = api.post(keys.key(), body);

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.header("Content-Type")).startsWith(PROBLEM_JSON);
        assertThat(reply.json()).containsEntry("status", 422).containsEntry("instance", "/api/v1/leads")
                .containsKeys("type", "title", "detail");
        assertThat(reply.errors()).extracting(e -> e.get("field")).containsExactlyInAnyOrder(
                "firstName", "workEmail", "outreachScore", "aiScore", "isDql", "favouriteColour", "lastName");
        assertThat(reply.errors()).allSatisfy(error -> {
            assertThat(error.get("pointer")).isEqualTo("/" + error.get("field"));
            assertThat((String) error.get("detail")).isNotBlank();
        });
        assertThat(reply.errors()).filteredOn(e -> e.get("field").equals("outreachScore"))
                .singleElement().satisfies(e -> assertThat((String) e.get("detail")).contains("integer"));
        assertThat(leads.find(keys.workspace(), new LeadId("bad-1"))).isEmpty();
        assertThat(outbox.all()).hasSize(outboxBefore);
    }

    @Test
    void a_missing_last_name_alone_is_refused_by_the_domain_rule() {
        Reply reply = api.post(keys.key(), "{\"leadId\": \"no-last-name\", \"firstName\": \"Ada\"}");

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.errors()).singleElement().satisfies(error -> {
            assertThat(error).containsEntry("field", "lastName").containsEntry("pointer", "/lastName");
        });
        assertThat(leads.find(keys.workspace(), new LeadId("no-last-name"))).isEmpty();
    }

    @Test
    void a_rejected_patch_changes_nothing() {
        api.post(keys.key(), ada("patch-bad"));
        int outboxBefore = outbox.all().size();

        Reply reply = api.patch(keys.key(), "patch-bad", "{\"city\": \"Paris\", \"lastName\": null}");

        assertThat(reply.status()).isEqualTo(422);
        assertThat(reply.errors()).extracting(e -> e.get("field")).containsExactly("lastName");
        assertThat(api.get(keys.key(), "/api/v1/leads/patch-bad").json()).containsEntry("city", null)
                .containsEntry("version", 1);
        assertThat(outbox.all()).hasSize(outboxBefore);
    }

    @Test
    void unreadable_bodies_are_400_and_other_content_types_415() {
        Reply malformed = api.post(keys.key(), "{\"leadId\": \"x\",");
        Reply array = api.post(keys.key(), "[1, 2]");
        Reply empty = api.post(keys.key(), "");
        Reply text = api.send("POST", "/api/v1/leads", keys.key(), "text/plain", ada("text-1"));

        assertThat(List.of(malformed, array, empty)).allSatisfy(reply -> {
            assertThat(reply.status()).isEqualTo(400);
            assertThat(reply.header("Content-Type")).startsWith(PROBLEM_JSON);
        });
        assertThat(text.status()).isEqualTo(415);
        assertThat(text.header("Content-Type")).startsWith(PROBLEM_JSON);
    }

    @Test
    void a_body_over_one_mebibyte_is_refused_with_413() {
        String huge = "{\"leadId\": \"huge-1\", \"lastName\": \"L\", \"about\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";

        Reply reply = api.post(keys.key(), huge);

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.header("Content-Type")).startsWith(PROBLEM_JSON);
        assertThat(leads.find(keys.workspace(), new LeadId("huge-1"))).isEmpty();
    }

    @Test
    void a_missing_wrong_or_revoked_key_is_401_with_a_bearer_challenge() {
        List<String> badKeys = java.util.Arrays.asList(null, "lsk_wrong", keys.revokedKey());

        for (String key : badKeys) {
            Reply reply = api.get(key, "/api/v1/leads");
            assertThat(reply.status()).as("key %s", key).isEqualTo(401);
            assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(reply.header("Content-Type")).startsWith(PROBLEM_JSON);
            assertThat(reply.json()).containsEntry("status", 401);
        }
        Reply write = api.post(keys.revokedKey(), ada("revoked-1"));
        assertThat(write.status()).isEqualTo(401);
        assertThat(leads.find(keys.workspace(), new LeadId("revoked-1"))).isEmpty();
    }

    @Test
    void another_workspaces_lead_is_not_found() {
        api.post(keys.key(), ada("mine-1"));

        assertThat(api.get(keys.otherKey(), "/api/v1/leads/mine-1").status()).isEqualTo(404);
        assertThat(api.patch(keys.otherKey(), "mine-1", "{\"city\": \"Oslo\"}").status()).isEqualTo(404);
        assertThat(api.send("PUT", "/api/v1/leads/mine-1/status", keys.otherKey(), "application/json",
                "{\"status\": \"QUALIFIED\"}").status()).isEqualTo(404);
        assertThat(api.get(keys.key(), "/api/v1/leads/mine-1").json()).containsEntry("city", null)
                .containsEntry("status", "NEW");
    }

    @Test
    void the_status_endpoint_moves_a_lead_and_refuses_an_unknown_status() {
        api.post(keys.key(), ada("status-1"));

        Reply moved = api.send("PUT", "/api/v1/leads/status-1/status", keys.key(), "application/json",
                "{\"status\": \"QUALIFIED\"}");
        Reply bad = api.send("PUT", "/api/v1/leads/status-1/status", keys.key(), "application/json",
                "{\"status\": \"WON\"}");

        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.json()).containsEntry("status", "QUALIFIED").containsEntry("version", 2);
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.errors()).extracting(e -> e.get("field")).containsExactly("status");
    }

    @Test
    void leads_are_listed_a_page_at_a_time_with_a_next_link_and_filters() {
        for (int i = 1; i <= 3; i++) {
            clock.advance(Duration.ofSeconds(1));
            api.post(keys.key(), "{\"leadId\": \"page-%d\", \"lastName\": \"L%d\", \"agentId\": \"pager\"}"
                    .formatted(i, i));
        }
        api.post(keys.otherKey(), "{\"leadId\": \"page-x\", \"lastName\": \"X\", \"agentId\": \"pager\"}");
        api.send("PUT", "/api/v1/leads/page-1/status", keys.key(), "application/json", "{\"status\": \"ENGAGED\"}");

        Reply first = api.get(keys.key(), "/api/v1/leads?agentId=pager&size=2");
        Reply second = api.get(keys.key(), (String) first.json().get("next"));
        Reply engaged = api.get(keys.key(), "/api/v1/leads?agentId=pager&status=engaged");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json()).containsEntry("total", 3).containsEntry("page", 0).containsEntry("size", 2);
        assertThat(leadIds(first)).containsExactly("page-1", "page-3");
        assertThat((String) first.json().get("next")).contains("page=1").contains("agentId=pager");
        assertThat(leadIds(second)).containsExactly("page-2");
        assertThat(second.json()).containsEntry("next", null);
        assertThat(leadIds(engaged)).containsExactly("page-1");
    }

    @Test
    void bad_query_parameters_are_400_naming_each_parameter() {
        Reply reply = api.get(keys.key(), "/api/v1/leads?size=1000&status=LOST&updatedSince=yesterday&colour=red");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.header("Content-Type")).startsWith(PROBLEM_JSON);
        assertThat(reply.errors()).extracting(e -> e.get("parameter"))
                .containsExactlyInAnyOrder("size", "status", "updatedSince", "colour");
    }

    @Test
    void unknown_routes_and_methods_are_problems_too() {
        Reply route = api.get(keys.key(), "/api/v1/nothing-here");
        Reply method = api.send("DELETE", "/api/v1/leads/some-lead", keys.key(), null, null);

        assertThat(route.status()).isEqualTo(404);
        assertThat(route.header("Content-Type")).startsWith(PROBLEM_JSON);
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.header("Content-Type")).startsWith(PROBLEM_JSON);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> leadIds(Reply reply) {
        return ((List<Map<String, Object>>) reply.json().get("leads")).stream().map(l -> l.get("leadId")).toList();
    }
}
