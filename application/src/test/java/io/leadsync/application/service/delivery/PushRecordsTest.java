package io.leadsync.application.service.delivery;

import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.application.port.out.UpsertResult;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.ConflictPolicy;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.CrmLink;
import io.leadsync.domain.crm.DefaultMappings;
import io.leadsync.domain.crm.SyncDirection;
import io.leadsync.domain.crm.SyncFrequency;
import io.leadsync.domain.crm.SyncSettings;
import io.leadsync.domain.crm.TargetObject;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.workspace.Workspace;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.T1;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.aLead;
import static org.assertj.core.api.Assertions.assertThat;

/** The record a push sends names the linked record (ADR 0079), and a write that followed a merge keeps the base. */
class PushRecordsTest {
    private static final ConnectionId ID = new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000d1"));
    private static final CrmConnection SALESFORCE = CrmConnection.start(ID, WORKSPACE, CrmKind.SALESFORCE,
            new SyncSettings(SyncFrequency.REALTIME, SyncDirection.BIDIRECTIONAL, ConflictPolicy.CRM_WINS, true, false,
                    TargetObject.LEAD), DefaultMappings.salesforce("LeadSync"), T0);
    private static final Workspace ACME = new Workspace(WORKSPACE, "Acme", "Acme SDR", T0);

    private final Lead ada = aLead().withId("ada").build();
    private final CrmLink linked = new CrmLink(WORKSPACE, ID, ada.id(), "00QLOSER", Map.of(LeadField.LEAD_ID, "ada",
            LeadField.LAST_NAME, "Lovelace", LeadField.JOB_TITLE, "Analyst"), Optional.empty(), T0, false);

    @Test
    void a_lead_with_a_live_link_names_its_record_and_one_whose_record_was_deleted_goes_as_new() {
        CrmRecord record = PushRecords.record(ada, SALESFORCE, ACME, Optional.of(linked));
        assertThat(record.inCrm()).isTrue();
        assertThat(record.linkedRecordId()).contains("00QLOSER");
        assertThat(record.knownRecordId()).as("stamped: not a record to stamp by Id").isEmpty();
        assertThat(record.writeId()).contains("00QLOSER");

        CrmRecord afresh = PushRecords.record(ada, SALESFORCE, ACME, Optional.of(linked.markDeletedInCrm(T1)));
        assertThat(afresh.inCrm()).isFalse();
        assertThat(afresh.writeId()).isEmpty();
        assertThat(PushRecords.record(ada, SALESFORCE, ACME).writeId()).isEmpty();
    }

    @Test
    void a_write_that_followed_a_merge_to_the_master_moves_the_link_and_keeps_its_merge_base() {
        CrmRecord change = PushRecords.changes(ada, SALESFORCE, ACME, Optional.of(linked)).orElseThrow();

        CrmLink moved = PushRecords.link(ACME, SALESFORCE, change, UpsertResult.written(ada.id(), false, "00QMASTER"),
                T1, Optional.of(linked));

        assertThat(moved.crmRecordId()).isEqualTo("00QMASTER");
        assertThat(change.values()).doesNotContainKey(LeadField.LAST_NAME);
        assertThat(moved.base(LeadField.LAST_NAME)).as("a field the write did not carry keeps its base")
                .contains("Lovelace");
        assertThat(moved.base(LeadField.LEAD_ID)).contains("ada");
    }
}
