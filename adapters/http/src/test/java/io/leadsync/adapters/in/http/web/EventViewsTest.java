package io.leadsync.adapters.in.http.web;

import io.leadsync.application.port.in.administer.ReadAuditUseCase;
import io.leadsync.domain.crm.ConflictPolicy;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.ConnectionState;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmIdentity;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.DefaultMappings;
import io.leadsync.domain.crm.SyncSettings;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.sync.ConflictResolution;
import io.leadsync.domain.sync.FieldDiff;
import io.leadsync.domain.sync.PulledField;
import io.leadsync.domain.sync.Side;
import io.leadsync.domain.sync.SyncEvent;
import io.leadsync.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@SuppressWarnings("unchecked")
class EventViewsTest {
    private static final Instant T = Instant.parse("2026-12-04T09:15:00Z");
    private static final WorkspaceId WORKSPACE = new WorkspaceId(UUID.fromString("00000000-0000-0000-0000-00000000000a"));
    private static final CrmConnection SALESFORCE = connection(CrmKind.SALESFORCE, "00D000000000001",
            Optional.of("https://acme.my.salesforce.com/"));
    private static final CrmConnection HUBSPOT = connection(CrmKind.HUBSPOT, "4471234", Optional.empty());
    private static final Map<UUID, CrmConnection> CONNECTIONS = Map.of(SALESFORCE.id().value(), SALESFORCE,
            HUBSPOT.id().value(), HUBSPOT);

    @Test
    void a_created_record_lists_only_the_fields_that_got_a_value_and_links_to_the_salesforce_lead() {
        Map<String, Object> view = view(SALESFORCE, new SyncEvent.LeadPushed(SyncEvent.Trigger.CHANGE,
                Optional.of("00Q5g00000AbCdE"), true, List.of(
                new FieldDiff(LeadField.LAST_NAME, Optional.empty(), Optional.of("Lovelace")),
                new FieldDiff(LeadField.CITY, Optional.empty(), Optional.empty()),
                new FieldDiff(LeadField.INDUSTRY, Optional.empty(), Optional.empty()))));

        assertThat(view.get("sentence")).isEqualTo("Created the record in Salesforce after the lead changed.");
        assertThat(view.get("what")).isEqualTo("Lead sent");
        assertThat(view.get("iso")).isEqualTo("2026-12-04T09:15:00Z");
        assertThat((List<Object>) view.get("changes")).as("no empty-to-empty rows")
                .containsExactly(changeRow("Last name", null, "Lovelace"));
        assertThat(view.get("record")).isEqualTo(Map.of("href",
                "https://acme.my.salesforce.com/lightning/r/Lead/00Q5g00000AbCdE/view", "label", "Open in Salesforce",
                "id", "00Q5g00000AbCdE"));
    }

    @Test
    void a_pulled_conflict_names_the_rule_that_decided_and_links_to_the_hubspot_contact() {
        Map<String, Object> view = view(HUBSPOT, new SyncEvent.LeadPulled("901", List.of(
                new PulledField(LeadField.JOB_TITLE, Optional.of("Founder"), Optional.of("CTO"),
                        PulledField.Flow.TAKEN, Optional.of(new ConflictResolution(ConflictPolicy.CRM_WINS, Side.CRM,
                        Optional.of("Founder"), Optional.of("CTO")))))));

        assertThat(view.get("sentence")).isEqualTo("A change in HubSpot was merged: 1 field taken from HubSpot; "
                + "1 conflict settled by the rule.");
        assertThat((List<Object>) view.get("rules")).containsExactly("Job title changed on both sides (LeadSync: "
                + "\u201cFounder\u201d, HubSpot: \u201cCTO\u201d); HubSpot's value won by the rule \"CRM wins\".");
        assertThat(view.get("record")).extracting(record -> ((Map<?, ?>) record).get("href"))
                .isEqualTo("https://app.hubspot.com/contacts/4471234/record/0-1/901");
    }

    @Test
    void settings_changes_read_as_a_sentence_in_the_admins_words() {
        Map<String, Object> view = view(SALESFORCE, new SyncEvent.SettingsChanged(List.of(
                new SyncEvent.SettingChange("frequency", "EVERY_5_MIN", "REALTIME"),
                new SyncEvent.SettingChange("createLeadsFromCrm", "false", "true"))));

        assertThat(view.get("sentence")).isEqualTo("Changed the sync settings of Salesforce: Sync frequency from "
                + "Every 5 minutes to Real time; Create leads from CRM records from Off to On.");
        assertThat(view.get("what")).isEqualTo("Settings changed");
    }

    @Test
    void a_refusal_says_the_crms_code_and_whether_leadsync_tries_again() {
        assertThat(view(SALESFORCE, SyncEvent.DeliveryFailed.of(SyncEvent.Trigger.CHANGE,
                "INVALID_FIELD: No such column 'Foo__c'", 3, Optional.empty(), List.of())).get("sentence"))
                .isEqualTo("Salesforce refused the lead (INVALID_FIELD): No such column 'Foo__c'. LeadSync gave up "
                        + "after 3 attempts.");
    }

    @Test
    void an_entry_from_before_the_typed_events_shows_its_prose_with_a_label_for_its_action() {
        Map<String, Object> view = EventViews.view(new ReadAuditUseCase.Entry(T, "sync", "sync.run", Optional.empty(),
                Optional.of(SALESFORCE.id().value()), "sync now: 3 created"), CONNECTIONS);

        assertThat(view.get("sentence")).isNull();
        assertThat(view.get("what")).isEqualTo("Sync now");
        assertThat(view.get("actor")).isEqualTo("LeadSync");
        assertThat((List<Object>) view.get("lines")).singleElement().satisfies(line ->
                assertThat((Map<Object, Object>) line).containsEntry("text", "sync now: 3 created"));
    }

    private static Map<String, Object> changeRow(String field, String before, String after) {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("field", field);
        row.put("before", before);
        row.put("after", after);
        row.put("note", null);
        return row;
    }

    private static Map<String, Object> view(CrmConnection connection, SyncEvent event) {
        return EventViews.view(new ReadAuditUseCase.Entry(T, "sync", event.action(), Optional.of("ada"),
                Optional.of(connection.id().value()), event.summary(), Optional.of(event)), CONNECTIONS);
    }

    private static CrmConnection connection(CrmKind kind, String orgId, Optional<String> instanceUrl) {
        return CrmConnection.restore(new ConnectionId(UUID.randomUUID()), WORKSPACE, kind, ConnectionState.CONNECTED,
                Optional.empty(), Optional.of(new CrmIdentity("admin@acme.example", "Acme", orgId, instanceUrl)),
                SyncSettings.defaults(), DefaultMappings.forKind(kind, DefaultMappings.DEFAULT_PREFIX), T, T);
    }
}
