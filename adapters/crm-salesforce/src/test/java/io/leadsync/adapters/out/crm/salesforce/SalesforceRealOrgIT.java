package io.leadsync.adapters.out.crm.salesforce;

import io.leadsync.application.port.out.CrmRateLimitedException;
import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.application.port.out.UpsertBatch;
import io.leadsync.application.port.out.UpsertResult;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmIdentity;
import io.leadsync.domain.crm.CrmTokens;
import io.leadsync.domain.crm.DefaultMappings;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.sandbox.salesforce.FieldDefinition;
import io.leadsync.sandbox.salesforce.SalesforceSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The adapter against the sandbox as a real org behaves by default: an active Lead assignment rule (to the rep) that
 * Salesforce runs on every REST write without {@code Sforce-Auto-Assign: FALSE}, and limits that share one code.
 */
class SalesforceRealOrgIT {
    private static final List<FieldMapping> MAPPINGS = DefaultMappings.salesforce("LeadSync");

    private static SalesforceSandbox sandbox;
    private static SalesforceLeadWriter writer;
    private static SalesforceBulkWriter bulk;
    private String admin;
    private String rep;

    @BeforeAll
    static void start() {
        sandbox = SalesforceSandbox.start(0);
        SalesforceSettings settings = new SalesforceSettings(URI.create(sandbox.baseUrl()), SalesforceSandbox.CLIENT_ID,
                SalesforceSandbox.CLIENT_SECRET, URI.create("http://localhost:8080/oauth/callback"), "v62.0",
                Duration.ofSeconds(30));
        SalesforceHttp http = new SalesforceHttp(settings);
        writer = new SalesforceLeadWriter(settings, http);
        bulk = new SalesforceBulkWriter(settings, http);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.reset();
        provisionCustomFields();
        admin = sandbox.userId("admin@acme.example");
        rep = sandbox.userId("rep@acme.example");
    }

    @Test
    void a_new_lead_goes_to_the_rep_the_rule_names_and_a_reassignment_survives_later_updates() {
        CrmSession session = session(true);
        String id = writer.upsert(session, List.of(record("ada", "Lovelace", false))).results().get(0)
                .crmRecordId().orElseThrow();
        assertThat(owner(id)).isEqualTo(rep);

        sandbox.editAsRep("Lead", id, Map.of("OwnerId", admin));
        UpsertResult updated = writer.upsert(session, List.of(record("ada", "Byron", true))).results().get(0);

        assertThat(updated.outcome()).isEqualTo(UpsertResult.Outcome.UPDATED);
        assertThat(lead(id)).containsEntry("LastName", "Byron").containsEntry("OwnerId", admin);
    }

    @Test
    void with_the_setting_off_new_leads_stay_with_the_connected_user() {
        String id = writer.upsert(session(false), List.of(record("ada", "Lovelace", false))).results().get(0)
                .crmRecordId().orElseThrow();

        assertThat(owner(id)).isEqualTo(admin);
    }

    @Test
    void a_bulk_backlog_runs_the_rule_for_new_leads_only() {
        CrmSession session = session(true);
        String existing = writer.upsert(session, List.of(record("old", "Lovelace", false))).results().get(0)
                .crmRecordId().orElseThrow();
        sandbox.editAsRep("Lead", existing, Map.of("OwnerId", admin));

        List<UpsertResult> results = bulk.upsertAll(session, List.of(record("old", "Byron", true),
                record("new", "Somerville", false))).results();

        assertThat(results).extracting(UpsertResult::outcome)
                .containsExactly(UpsertResult.Outcome.UPDATED, UpsertResult.Outcome.CREATED);
        assertThat(owner(existing)).isEqualTo(admin);
        assertThat(owner(results.get(1).crmRecordId().orElseThrow())).isEqualTo(rep);
    }

    @Test
    void only_the_daily_total_is_a_daily_limit_a_short_lived_one_asks_for_a_retry_in_seconds() {
        CrmSession session = session(true);
        sandbox.injectFault("PATCH", "/services/data/v62.0/composite/sobjects", "CONCURRENT_PER_ORG_LONG_TXN", 1);
        assertThatThrownBy(() -> writer.upsert(session, List.of(record("ada", "Lovelace", false))))
                .isInstanceOfSatisfying(CrmRateLimitedException.class, e -> {
                    assertThat(e.daily()).isFalse();
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(5));
                    assertThat(e.getMessage()).contains("ConcurrentPerOrgLongTxn");
                });
        // Refused again straight away (the org is still busy): the next try waits twice as long.
        sandbox.injectFault("PATCH", "/services/data/v62.0/composite/sobjects", "CONCURRENT_PER_ORG_LONG_TXN", 1);
        assertThatThrownBy(() -> writer.upsert(session, List.of(record("ada", "Lovelace", false))))
                .isInstanceOfSatisfying(CrmRateLimitedException.class, e -> {
                    assertThat(e.daily()).isFalse();
                    assertThat(e.retryAfter()).contains(Duration.ofSeconds(10));
                });

        sandbox.injectFault("PATCH", "/services/data/v62.0/composite/sobjects", "REQUEST_LIMIT_EXCEEDED", 1);
        assertThatThrownBy(() -> writer.upsert(session, List.of(record("ada", "Lovelace", false))))
                .isInstanceOfSatisfying(CrmRateLimitedException.class, e -> assertThat(e.daily()).isTrue());
        assertThat(sandbox.records("Lead")).isEmpty();
    }

    @Test
    void a_change_to_a_lead_a_rep_merged_away_lands_on_the_master_which_takes_the_lead_id_and_no_lead_is_created() {
        CrmSession session = session(true);
        String loser = created(session, "ada", "Lovelace");
        String master = repsOwnLead(session, "Lovelace-Byron");
        sandbox.mergeAsRep("Lead", master, List.of(loser));

        UpsertBatch batch = writer.upsert(session, List.of(linked(record("ada", "Byron", true), loser)));

        UpsertResult result = batch.results().get(0);
        assertThat(result.outcome()).as(result.toString()).isEqualTo(UpsertResult.Outcome.UPDATED);
        assertThat(result.crmRecordId()).contains(master);
        assertThat(liveLeads()).extracting(l -> l.get("Id")).containsExactly(master);
        assertThat(lead(master)).containsEntry("LastName", "Byron").containsEntry("LeadSync_Lead_ID__c", "ada");
        assertThat(owner(master)).as("the rep keeps the master").isEqualTo(rep);
        // The write by Id, the look-up of the deleted Lead, the look-up of its master, the write to the master.
        assertThat(batch.calls()).isEqualTo(4);
    }

    @Test
    void a_lead_merged_into_another_leadsync_leads_record_is_not_written_there() {
        CrmSession session = session(true);
        String loser = created(session, "ada", "Lovelace");
        String master = created(session, "grace", "Hopper");
        sandbox.mergeAsRep("Lead", master, List.of(loser));

        UpsertResult result = writer.upsert(session, List.of(linked(record("ada", "Byron", true), loser)))
                .results().get(0);

        assertThat(result.succeeded()).isFalse();
        assertThat(result.retryable()).isFalse();
        assertThat(result.message().orElseThrow()).contains(master).contains("LeadSync lead grace");
        assertThat(lead(master)).containsEntry("LastName", "Hopper").containsEntry("LeadSync_Lead_ID__c", "grace");
        assertThat(liveLeads()).hasSize(1);
    }

    @Test
    void linked_leads_take_one_call_per_200_and_a_bulk_job_follows_a_merged_one_too() {
        CrmSession session = session(true);
        List<CrmRecord> fresh = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            fresh.add(record("lead-" + i, "Name" + i, false));
        }
        List<UpsertResult> written = writer.upsert(session, fresh).results();
        List<CrmRecord> changed = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            changed.add(linked(record("lead-" + i, "Renamed" + i, true), written.get(i).crmRecordId().orElseThrow()));
        }
        assertThat(writer.upsert(session, changed).calls()).isEqualTo(1);

        String master = repsOwnLead(session, "Somerville");
        sandbox.mergeAsRep("Lead", master, List.of(written.get(7).crmRecordId().orElseThrow()));
        List<UpsertResult> again = bulk.upsertAll(session, changed).results();

        assertThat(again).allMatch(UpsertResult::succeeded).noneMatch(r -> r.outcome() == UpsertResult.Outcome.CREATED);
        assertThat(again.get(7).crmRecordId()).contains(master);
        assertThat(lead(master)).containsEntry("LastName", "Renamed7").containsEntry("LeadSync_Lead_ID__c", "lead-7");
        assertThat(liveLeads()).hasSize(200);
    }

    /** A new Lead written by LeadSync for {@code leadId}; answers its Id. */
    private static String created(CrmSession session, String leadId, String lastName) {
        return writer.upsert(session, List.of(record(leadId, lastName, false))).results().get(0).crmRecordId()
                .orElseThrow();
    }

    /** A rep's own Lead: made, then its LeadSync lead id cleared as a rep would. */
    private static String repsOwnLead(CrmSession session, String lastName) {
        String id = created(session, "rep-" + lastName, lastName);
        sandbox.fieldAccess("Lead", "LeadSync_Lead_ID__c", "rep@acme.example", true, true);
        Map<String, Object> cleared = new java.util.HashMap<>();
        cleared.put("LeadSync_Lead_ID__c", null);
        sandbox.editAsRep("Lead", id, cleared);
        return id;
    }

    private static CrmRecord linked(CrmRecord record, String linkedTo) {
        return new CrmRecord(record.leadId(), record.values(), Optional.empty(), true, Optional.of(linkedTo));
    }

    private static List<Map<String, Object>> liveLeads() {
        return sandbox.records("Lead");
    }

    private String owner(String id) {
        return (String) lead(id).get("OwnerId");
    }

    private static Map<String, Object> lead(String id) {
        return sandbox.records("Lead").stream().filter(r -> id.equals(r.get("Id"))).findFirst().orElseThrow();
    }

    private static CrmSession session(boolean assignNewLeadsByRules) {
        Map<String, Object> tokens = sandbox.tokensFor("admin@acme.example");
        CrmIdentity identity = new CrmIdentity("admin@acme.example", "Acme Corp", SalesforceSandbox.ORG_ID,
                Optional.of((String) tokens.get("instance_url")));
        return new CrmSession(new ConnectionId(UUID.randomUUID()), identity,
                new CrmTokens((String) tokens.get("access_token"), Optional.of((String) tokens.get("refresh_token")),
                        Optional.empty(), Instant.now()), MAPPINGS, true, assignNewLeadsByRules);
    }

    /** A lead as LeadSync pushes it; {@code inCrm} as the link table would say. */
    private static CrmRecord record(String leadId, String lastName, boolean inCrm) {
        Map<LeadField, Optional<String>> values = new EnumMap<>(LeadField.class);
        values.put(LeadField.LEAD_ID, Optional.of(leadId));
        values.put(LeadField.LAST_NAME, Optional.of(lastName));
        values.put(LeadField.WORK_EMAIL, Optional.of(leadId + "@analytical.example"));
        values.put(LeadField.COMPANY_NAME, Optional.of("Analytical Engines"));
        return new CrmRecord(new LeadId(leadId), values, Optional.empty(), inCrm);
    }

    private static void provisionCustomFields() {
        sandbox.addCustomField("Lead", FieldDefinition.customText("LeadSync_Lead_ID__c", "LeadSync Lead ID", 255, true,
                true));
        sandbox.fieldAccess("Lead", "LeadSync_Lead_ID__c", "admin@acme.example", true, true);
    }
}
