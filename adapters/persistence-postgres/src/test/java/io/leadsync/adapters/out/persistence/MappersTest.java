package io.leadsync.adapters.out.persistence;

import io.leadsync.domain.crm.ConflictPolicy;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmIdentity;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.crm.SyncDirection;
import io.leadsync.domain.crm.SyncSettings;
import io.leadsync.domain.lead.FieldChange;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.sync.ChangeSource;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.aLead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The persistence mappers, without a database. */
class MappersTest {
    @Test
    void a_lead_row_keys_fields_by_api_name_and_carries_the_filter_columns() {
        Lead lead = aLead().withAgent("agent-9").with(LeadField.CITY, "London").build();
        Map<LeadField, String> clear = new HashMap<>();
        clear.put(LeadField.CITY, null);
        lead.update(clear, T0.plusSeconds(1));

        LeadRow row = LeadMapper.toRow(lead);

        assertThat(row.values()).containsEntry("lastName", "Lovelace").containsEntry("agentId", "agent-9")
                .doesNotContainKey("city");
        assertThat(row.clearedAt()).containsEntry("city", T0.plusSeconds(1).toString());
        assertThat(row.agentId()).isEqualTo("agent-9");
        assertThat(row.workEmail()).isEqualTo("ada@analytical.example");
        assertThat(row.status()).isEqualTo("NEW");
        assertThat(row.version()).isEqualTo(2);
    }

    @Test
    void a_lead_survives_the_round_trip_through_its_row() {
        Lead lead = aLead().with(LeadField.IS_DQL, "true").with(LeadField.LAST_VISIT, "2026-01-04T17:30:00.123Z").build();

        Lead back = LeadMapper.toDomain(LeadMapper.toRow(lead));

        assertThat(back.fields()).isEqualTo(lead.fields());
        assertThat(back.version()).isEqualTo(lead.version());
        assertThat(back.updatedAt()).isEqualTo(lead.updatedAt());
    }

    @Test
    void a_row_with_a_field_this_version_does_not_know_is_refused_rather_than_dropped() {
        LeadRow row = LeadMapper.toRow(aLead().build());
        Map<String, String> values = new HashMap<>(row.values());
        values.put("shoeSize", "44");
        LeadRow unknown = new LeadRow(row.workspaceId(), row.leadId(), row.lastName(), row.workEmail(), row.status(),
                row.agentId(), row.createdAt(), row.updatedAt(), row.version(), values, row.changedAt(), row.clearedAt());

        assertThatThrownBy(() -> LeadMapper.toDomain(unknown)).hasMessageContaining("shoeSize");
    }

    @Test
    void a_connection_survives_the_round_trip_with_identity_and_overrides() {
        CrmConnection connection = CrmConnection.start(new ConnectionId(UUID.randomUUID()), WORKSPACE, CrmKind.HUBSPOT,
                SyncSettings.defaults(), List.of(new FieldMapping(LeadField.JOB_TITLE, "jobtitle", SyncDirection.PUSH,
                        Optional.of(ConflictPolicy.MOST_RECENT))), T0);
        connection.authorised(new CrmIdentity("admin@acme.example", "Acme HubSpot", "123456", Optional.empty()), T0);

        ConnectionRow row = ConnectionMapper.toRow(connection);
        CrmConnection back = ConnectionMapper.toDomain(row);

        assertThat(row.mappings()).containsExactly(
                new ConnectionRow.MappingDocument("jobTitle", "jobtitle", "PUSH", "MOST_RECENT"));
        assertThat(back.mappings()).isEqualTo(connection.mappings());
        assertThat(back.identity()).isEqualTo(connection.identity());
        assertThat(back.state()).isEqualTo(connection.state());
    }

    @Test
    void outbox_changes_and_sources_survive_their_columns() {
        ConnectionId salesforce = new ConnectionId(UUID.randomUUID());
        List<FieldChange> changes = List.of(new FieldChange(LeadField.CITY, Optional.of("London"), Optional.empty()));

        assertThat(OutboxMapper.toChanges(OutboxMapper.toDocuments(changes))).isEqualTo(changes);
        OutboxMapper.SourceColumns crm = OutboxMapper.toColumns(new ChangeSource.Crm(salesforce));
        assertThat(OutboxMapper.toSource(crm.kind(), crm.ref())).isEqualTo(new ChangeSource.Crm(salesforce));
        OutboxMapper.SourceColumns app = OutboxMapper.toColumns(new ChangeSource.App("api-key lsk_abc"));
        assertThat(OutboxMapper.toSource(app.kind(), app.ref())).isEqualTo(new ChangeSource.App("api-key lsk_abc"));
    }

    @Test
    void a_merge_base_is_stored_by_api_name() {
        Map<LeadField, String> base = Map.of(LeadField.LINKEDIN_URL, "https://www.linkedin.com/in/ada");

        assertThat(LinkMapper.toColumn(base)).containsOnlyKeys("linkedinUrl");
        assertThat(LinkMapper.toDomain(LinkMapper.toColumn(base))).isEqualTo(base);
    }

    @Test
    void jsonb_text_maps_keep_quotes_newlines_and_unicode() {
        Map<String, String> values = Map.of("about", "\"quoted\"\nline ✓ \\ backslash");

        assertThat(JsonColumn.readTextMap(JsonColumn.write(values))).isEqualTo(values);
    }
}
