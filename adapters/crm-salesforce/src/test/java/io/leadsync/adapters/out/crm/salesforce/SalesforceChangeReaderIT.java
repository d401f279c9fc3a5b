package io.leadsync.adapters.out.crm.salesforce;

import io.leadsync.application.port.out.AccessTokenRejectedException;
import io.leadsync.application.port.out.CrmChangeReader.ChangePage;
import io.leadsync.application.port.out.CrmChangeReader.ChangeWindow;
import io.leadsync.application.port.out.CrmChangeReader.CrmChange;
import io.leadsync.application.port.out.CrmChangeReader.Deletion;
import io.leadsync.application.port.out.CrmChangeReader.Watermark;
import io.leadsync.application.port.out.CrmRateLimitedException;
import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.application.port.out.CrmRejectedException;
import io.leadsync.application.port.out.CrmSession;
import io.leadsync.application.port.out.CrmUnavailableException;
import io.leadsync.application.port.out.UpsertResult;
import io.leadsync.application.testing.MutableClock;
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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Reading Salesforce's changed and deleted Leads over real HTTP against the sandbox, with a clock the test moves. */
class SalesforceChangeReaderIT {
    private static final List<FieldMapping> MAPPINGS = DefaultMappings.salesforce("LeadSync");
    private static final Instant T0 = Instant.parse("2026-01-31T09:00:00Z");
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private static final MutableClock clock = new MutableClock(T0);
    private static SalesforceSandbox sandbox;
    private static SalesforceLeadWriter writer;
    private static SalesforceChangeReader reader;

    @BeforeAll
    static void start() {
        sandbox = SalesforceSandbox.start(0, clock);
        SalesforceSettings settings = new SalesforceSettings(URI.create(sandbox.baseUrl()), SalesforceSandbox.CLIENT_ID,
                SalesforceSandbox.CLIENT_SECRET, URI.create("http://localhost:8080/oauth/callback"), "v62.0",
                Duration.ofSeconds(30));
        SalesforceHttp http = new SalesforceHttp(settings);
        writer = new SalesforceLeadWriter(settings, http);
        reader = new SalesforceChangeReader(settings, http);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        clock.set(T0);
        sandbox.reset();
        provisionCustomFields();
    }

    @Test
    void a_reps_edit_comes_back_with_canonical_values_by_app_field() throws Exception {
        CrmSession session = session();
        String id = upsert(session, List.of(record("lead-1"))).get(0);
        clock.advance(Duration.ofMinutes(5));

        editAsRep(id, "{\"LeadSync_Outreach_Score__c\": 87, \"LeadSync_Is_DQL__c\": true,"
                + " \"LeadSync_Last_Visit__c\": \"2026-01-31T09:30:00Z\", \"City\": \"Paris\", \"LeadSource\": \"Trade show\","
                + " \"LeadSync_Visit_Count__c\": 12, \"Title\": null}");
        ChangePage page = reader.changes(session, new ChangeWindow(new Watermark(T0, id), T0.plus(Duration.ofHours(1))),
                Optional.empty());

        CrmChange change = page.changes().get(0);
        assertThat(page.changes()).hasSize(1);
        assertThat(change.crmRecordId()).isEqualTo(id);
        assertThat(change.modifiedAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
        assertThat(change.values())
                .containsEntry(LeadField.LEAD_ID, Optional.of("lead-1"))
                .containsEntry(LeadField.LAST_NAME, Optional.of("Lovelace"))
                .containsEntry(LeadField.OUTREACH_SCORE, Optional.of("87"))
                .containsEntry(LeadField.IS_DQL, Optional.of("true"))
                .containsEntry(LeadField.LAST_VISIT, Optional.of("2026-01-31T09:30:00Z"))
                .containsEntry(LeadField.VISIT_COUNT, Optional.of("12"))
                .containsEntry(LeadField.CITY, Optional.of("Paris"))
                // Empty in Salesforce: LeadSync hears that the field is empty, not that it is unknown.
                .containsEntry(LeadField.JOB_TITLE, Optional.empty())
                .containsEntry(LeadField.INDUSTRY, Optional.empty())
                // LeadSource is push-only: a rep's edit to it is never read back.
                .doesNotContainKey(LeadField.LEAD_SOURCE);
        assertThat(change.unreadable()).isEmpty();
        assertThat(page.next()).isEmpty();
        assertThat(page.calls()).isEqualTo(1);
        assertThat(page.usage()).hasValueSatisfying(usage -> assertThat(usage.limit()).isEqualTo(15_000));
        assertThat(sandbox.callCounts()).containsEntry("GET /services/data/vXX.X/query", 1L);
    }

    @Test
    void a_value_leadsync_cannot_read_is_named_and_the_rest_of_the_record_still_comes_back() throws Exception {
        CrmSession session = session();
        String id = upsert(session, List.of(record("lead-1"))).get(0);

        // A Number(3,0) field takes 150; a LeadSync score stops at 100.
        editAsRep(id, "{\"LeadSync_AI_Score__c\": 150, \"City\": \"Lyon\"}");
        CrmChange change = reader.changes(session, new ChangeWindow(Watermark.origin(), T0.plusSeconds(60)),
                Optional.empty()).changes().get(0);

        assertThat(change.values()).doesNotContainKey(LeadField.AI_SCORE).containsEntry(LeadField.CITY, Optional.of("Lyon"));
        assertThat(change.unreadable()).singleElement().satisfies(reason ->
                assertThat(reason).contains("aiScore").contains("LeadSync_AI_Score__c"));
    }

    @Test
    void ten_thousand_changed_records_come_back_in_five_query_calls_in_watermark_order_across_stamp_ties() {
        CrmSession session = session();
        // 150 records a stamp: every 2,000-record page ends in the middle of a group of records sharing a stamp.
        List<CrmRecord> records = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            records.add(record("lead-" + i));
        }
        for (int from = 0; from < records.size(); from += 150) {
            upsert(session, records.subList(from, Math.min(records.size(), from + 150)));
            clock.advance(Duration.ofSeconds(1));
        }
        ChangeWindow window = new ChangeWindow(Watermark.origin(), clock.instant());
        Map<String, Long> before = sandbox.callCounts();

        List<ChangePage> pages = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            ChangePage page = reader.changes(session, window, cursor);
            pages.add(page);
            cursor = page.next();
        } while (cursor.isPresent() && pages.size() < 10);

        List<CrmChange> all = pages.stream().flatMap(page -> page.changes().stream()).toList();
        assertThat(all).hasSize(10_000);
        assertThat(all.stream().map(CrmChange::crmRecordId).distinct().count()).isEqualTo(10_000);
        assertThat(pages).hasSize(5).allSatisfy(page -> assertThat(page.calls()).isEqualTo(1));
        assertThat(pages.stream().mapToInt(ChangePage::calls).sum()).isLessThanOrEqualTo(6);
        Map<String, Long> after = sandbox.callCounts();
        long queries = after.getOrDefault("GET /services/data/vXX.X/query", 0L) - before.getOrDefault("GET /services/data/vXX.X/query", 0L)
                + after.getOrDefault("GET /services/data/vXX.X/query/{locator}", 0L)
                - before.getOrDefault("GET /services/data/vXX.X/query/{locator}", 0L);
        assertThat(queries).isEqualTo(5);
        for (int i = 1; i < all.size(); i++) {
            assertThat(all.get(i).modifiedAt()).isAfterOrEqualTo(all.get(i - 1).modifiedAt());
        }
        // A crash after page 1: a fresh read from page 1's last watermark brings exactly the records not yet read,
        // which proves the keyset condition follows Salesforce's own (SystemModstamp, Id) order at the ties. That order
        // compares ids ignoring case (00QDn000000000a... before 00QDn000000000B...), unlike Watermark.compareTo: the
        // watermark to save is the page's last change, never the greatest by compareTo.
        Watermark saved = pages.get(0).changes().get(pages.get(0).changes().size() - 1).watermark();
        assertThat(pages.get(0).changes().get(1999).modifiedAt()).isEqualTo(pages.get(1).changes().get(0).modifiedAt());
        List<String> resumed = readAll(session, new ChangeWindow(saved, window.until()));
        assertThat(resumed).isEqualTo(all.subList(2000, all.size()).stream().map(CrmChange::crmRecordId).toList());
    }

    @Test
    void records_sharing_the_watermark_stamp_come_back_only_when_their_id_is_after_the_watermark_id() throws Exception {
        CrmSession session = session();
        List<String> ids = upsert(session, List.of(record("a"), record("b"), record("c")));
        List<CrmChange> first = reader.changes(session, new ChangeWindow(Watermark.origin(), T0), Optional.empty()).changes();
        assertThat(first).extracting(CrmChange::crmRecordId).isEqualTo(ids.stream().sorted().toList());
        String low = first.get(0).crmRecordId();
        String middle = first.get(1).crmRecordId();
        String high = first.get(2).crmRecordId();
        Watermark watermark = new Watermark(T0, middle);

        assertThat(ids(reader.changes(session, new ChangeWindow(watermark, T0), Optional.empty()))).containsExactly(high);

        // Reps edit the lower and the higher record within the same second as the watermark's stamp.
        editAsRep(low, "{\"City\": \"Oslo\"}");
        editAsRep(high, "{\"City\": \"Rome\"}");
        assertThat(ids(reader.changes(session, new ChangeWindow(watermark, T0), Optional.empty()))).containsExactly(high);
        // Exactly at the watermark a lower id is behind it: that is why the caller starts at watermark - overlap.
        Watermark overlapped = new Watermark(T0.minusSeconds(30), middle);
        assertThat(ids(reader.changes(session, new ChangeWindow(overlapped, T0), Optional.empty())))
                .containsExactly(low, middle, high);
    }

    @Test
    void until_includes_its_own_stamp_and_leaves_later_edits_for_the_next_window() throws Exception {
        CrmSession session = session();
        String early = upsert(session, List.of(record("early"))).get(0);
        clock.advance(Duration.ofSeconds(10));
        String atUntil = upsert(session, List.of(record("at-until"))).get(0);
        Instant until = clock.instant();
        clock.advance(Duration.ofSeconds(1));
        editAsRep(early, "{\"City\": \"Berlin\"}");
        String later = upsert(session, List.of(record("later"))).get(0);

        ChangePage page = reader.changes(session, new ChangeWindow(Watermark.origin(), until), Optional.empty());

        assertThat(ids(page)).containsExactly(atUntil);
        assertThat(ids(reader.changes(session, new ChangeWindow(new Watermark(until, atUntil), clock.instant()),
                Optional.empty()))).containsExactlyInAnyOrder(early, later);
    }

    @Test
    void a_deleted_record_is_in_deletions_and_not_in_changes() throws Exception {
        CrmSession session = session();
        List<String> ids = upsert(session, List.of(record("kept"), record("gone")));
        clock.advance(Duration.ofMinutes(1));
        delete(session, ids.get(1));
        Instant deletedAt = clock.instant();
        clock.advance(Duration.ofMinutes(1));

        var deletions = reader.deletions(session, T0, clock.instant());

        assertThat(deletions.deletions()).containsExactly(new Deletion(ids.get(1), deletedAt));
        assertThat(deletions.calls()).isEqualTo(1);
        assertThat(ids(reader.changes(session, new ChangeWindow(Watermark.origin(), clock.instant()), Optional.empty())))
                .containsExactly(ids.get(0));
        // A window that ends before the delete does not report it.
        assertThat(reader.deletions(session, T0, deletedAt.minusSeconds(1)).deletions()).isEmpty();
        assertThat(sandbox.callCounts()).containsEntry("GET /services/data/vXX.X/queryAll", 2L);
    }

    @Test
    void a_cursor_whose_query_locator_salesforce_no_longer_has_reads_the_window_again() {
        CrmSession session = session();
        List<String> ids = upsert(session, List.of(record("a"), record("b")));

        ChangePage page = reader.changes(session, new ChangeWindow(Watermark.origin(), T0),
                Optional.of("/services/data/v62.0/query/01gAAAAAAAAAAAAAAA-2000"));

        assertThat(ids(page)).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(page.calls()).isEqualTo(2);
        // Only Salesforce's own nextRecordsUrl is followed: the access token goes nowhere else.
        assertThatThrownBy(() -> reader.changes(session, new ChangeWindow(Watermark.origin(), T0),
                Optional.of("https://elsewhere.example/services/data/v62.0/query/01gA-1")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_mapped_field_the_user_cannot_see_is_named() {
        CrmSession session = session();
        sandbox.revokeFieldAccess("admin@acme.example", "Lead.LeadSync_Outreach_Score__c");

        assertThatThrownBy(() -> reader.changes(session, new ChangeWindow(Watermark.origin(), T0), Optional.empty()))
                .isInstanceOf(CrmRejectedException.class)
                .hasMessageContaining("LeadSync_Outreach_Score__c").hasMessageContaining("outreachScore")
                .hasMessageContaining("INVALID_FIELD");
    }

    @Test
    void an_expired_access_token_is_rejected_for_a_refresh() {
        CrmSession session = session();
        sandbox.tokenLifetime(Duration.ZERO);

        assertThatThrownBy(() -> reader.changes(session, new ChangeWindow(Watermark.origin(), T0), Optional.empty()))
                .isInstanceOf(AccessTokenRejectedException.class);
        assertThatThrownBy(() -> reader.deletions(session, T0, T0.plusSeconds(60)))
                .isInstanceOf(AccessTokenRejectedException.class);
    }

    @Test
    void the_days_allowance_spent_is_a_daily_rate_limit_and_a_503_is_unavailable() {
        CrmSession session = session();
        sandbox.injectFault("GET", "/services/data/v62.0/query", "503", 1);
        assertThatThrownBy(() -> reader.changes(session, new ChangeWindow(Watermark.origin(), T0), Optional.empty()))
                .isInstanceOf(CrmUnavailableException.class).isNotInstanceOf(CrmRateLimitedException.class);

        sandbox.dailyApiRequests(0);
        assertThatThrownBy(() -> reader.changes(session, new ChangeWindow(Watermark.origin(), T0), Optional.empty()))
                .isInstanceOfSatisfying(CrmRateLimitedException.class, e -> assertThat(e.daily()).isTrue());
    }

    private static List<String> readAll(CrmSession session, ChangeWindow window) {
        List<String> ids = new ArrayList<>();
        Optional<String> cursor = Optional.empty();
        do {
            ChangePage page = reader.changes(session, window, cursor);
            ids.addAll(ids(page));
            cursor = page.next();
        } while (cursor.isPresent());
        return ids;
    }

    private static List<String> ids(ChangePage page) {
        return page.changes().stream().map(CrmChange::crmRecordId).toList();
    }

    private static CrmSession session() {
        Map<String, Object> tokens = sandbox.tokensFor("admin@acme.example");
        CrmIdentity identity = new CrmIdentity("admin@acme.example", "Acme Corp", SalesforceSandbox.ORG_ID,
                Optional.of((String) tokens.get("instance_url")));
        return new CrmSession(new ConnectionId(UUID.randomUUID()), identity,
                new CrmTokens((String) tokens.get("access_token"), Optional.of((String) tokens.get("refresh_token")),
                        Optional.empty(), clock.instant()), MAPPINGS);
    }

    private static List<String> upsert(CrmSession session, List<CrmRecord> records) {
        List<UpsertResult> results = writer.upsert(session, records).results();
        assertThat(results).allSatisfy(result -> assertThat(result.succeeded()).as(result.toString()).isTrue());
        return results.stream().map(result -> result.crmRecordId().orElseThrow()).toList();
    }

    private static void editAsRep(String id, String json) throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl()
                        + "/__sandbox/salesforce/records/Lead/" + id)).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static void delete(CrmSession session, String id) throws Exception {
        HttpResponse<String> response = CLIENT.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl()
                        + "/services/data/v62.0/sobjects/Lead/" + id))
                .header("Authorization", "Bearer " + session.tokens().accessToken()).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
    }

    private static CrmRecord record(String leadId) {
        Map<LeadField, Optional<String>> values = new EnumMap<>(LeadField.class);
        values.put(LeadField.LEAD_ID, Optional.of(leadId));
        values.put(LeadField.LAST_NAME, Optional.of("Lovelace"));
        values.put(LeadField.FIRST_NAME, Optional.of("Ada"));
        values.put(LeadField.WORK_EMAIL, Optional.of(leadId + "@analytical.example"));
        values.put(LeadField.COMPANY_NAME, Optional.of("Analytical Engines"));
        values.put(LeadField.OUTREACH_SCORE, Optional.of("72"));
        values.put(LeadField.IS_DQL, Optional.of("false"));
        values.put(LeadField.LEAD_SOURCE, Optional.of("Acme SDR"));
        return new CrmRecord(new LeadId(leadId), values);
    }

    /** The custom fields of the default mapping, readable and editable by the admin and the rep. */
    private static void provisionCustomFields() {
        sandbox.addCustomField("Lead", FieldDefinition.customText("LeadSync_Lead_ID__c", "LeadSync Lead ID", 255, true, true));
        sandbox.addCustomField("Lead", FieldDefinition.custom("LinkedIn_URL__c", "LinkedIn URL", "url", 255, 0, 0));
        sandbox.addCustomField("Lead", FieldDefinition.custom("LeadSync_Outreach_Score__c", "Outreach Score", "double", 0, 3, 0));
        sandbox.addCustomField("Lead", FieldDefinition.customText("LeadSync_Status__c", "Status", 255, false, false));
        sandbox.addCustomField("Lead", FieldDefinition.customText("LeadSync_Agent_ID__c", "Agent ID", 255, false, false));
        sandbox.addCustomField("Lead", FieldDefinition.custom("LeadSync_AI_Score__c", "AI Score", "double", 0, 3, 0));
        sandbox.addCustomField("Lead", FieldDefinition.custom("LeadSync_Is_DQL__c", "Is DQL", "boolean", 0, 0, 0));
        sandbox.addCustomField("Lead", FieldDefinition.custom("LeadSync_Last_Visit__c", "Last Visit", "datetime", 0, 0, 0));
        sandbox.addCustomField("Lead", FieldDefinition.custom("LeadSync_Visit_Count__c", "Visit Count", "double", 0, 10, 0));
        sandbox.addCustomField("Lead", FieldDefinition.customText("LeadSync_Engagement_Level__c", "Engagement", 255, false, false));
        for (FieldMapping mapping : MAPPINGS) {
            if (mapping.crmField().endsWith("__c")) {
                sandbox.fieldAccess("Lead", mapping.crmField(), "admin@acme.example", true, true);
                // Reps work on these fields in Salesforce's UI too: that is what LeadSync pulls back.
                sandbox.fieldAccess("Lead", mapping.crmField(), "rep@acme.example", true, true);
            }
        }
    }
}
