package io.leadsync.domain.sync;

import io.leadsync.domain.crm.ConflictPolicy;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.DefaultMappings;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.crm.Suppressions;
import io.leadsync.domain.crm.SyncDirection;
import io.leadsync.domain.crm.SyncFrequency;
import io.leadsync.domain.crm.SyncSettings;
import io.leadsync.domain.crm.TargetObject;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadStatus;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.aLead;
import static org.assertj.core.api.Assertions.assertThat;

class SendPolicyTest {
    private static final ConnectionId ID = new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000c1"));

    private static CrmConnection connection(CrmKind kind, SyncDirection direction, List<FieldMapping> mappings) {
        return CrmConnection.start(ID, WORKSPACE, kind, new SyncSettings(SyncFrequency.REALTIME, direction,
                ConflictPolicy.CRM_WINS, true, false, TargetObject.LEAD), mappings, T0);
    }

    private static CrmConnection salesforce() {
        return connection(CrmKind.SALESFORCE, SyncDirection.BIDIRECTIONAL, DefaultMappings.salesforce("LeadSync"));
    }

    private static SendPolicy.Reason skipped(SendPolicy.Decision decision) {
        assertThat(decision).isInstanceOf(SendPolicy.Skip.class);
        return ((SendPolicy.Skip) decision).reason();
    }

    @Test
    void a_lead_with_a_work_email_goes_to_a_pushing_connection() {
        assertThat(SendPolicy.forLead(Optional.of(aLead().build()), salesforce(), Suppressions.NONE).sends()).isTrue();
    }

    @Test
    void a_lead_without_a_work_email_is_skipped_with_why() {
        SendPolicy.Decision decision = SendPolicy.forLead(Optional.of(aLead().without(LeadField.WORK_EMAIL).build()),
                salesforce(), Suppressions.NONE);
        assertThat(skipped(decision)).isEqualTo(SendPolicy.Reason.NO_WORK_EMAIL);
        assertThat(((SendPolicy.Skip) decision).detail()).contains("no work email");
    }

    @Test
    void a_deleted_lead_is_skipped() {
        assertThat(skipped(SendPolicy.forLead(Optional.empty(), salesforce(), Suppressions.NONE)))
                .isEqualTo(SendPolicy.Reason.LEAD_GONE);
    }

    @Test
    void a_suppressed_domain_skips_its_subdomains_too() {
        SendPolicy.Decision decision = SendPolicy.forLead(Optional.of(aLead().withEmail("ada@eu.rival.example")
                .build()), salesforce(), new Suppressions(Set.of(), Set.of("rival.example")));
        assertThat(skipped(decision)).isEqualTo(SendPolicy.Reason.SUPPRESSED);
        assertThat(((SendPolicy.Skip) decision).detail()).contains("rival.example");
    }

    @Test
    void a_pull_only_connection_is_routed_no_changes_but_still_gets_its_lead_id_stamps() {
        CrmConnection pulls = connection(CrmKind.HUBSPOT, SyncDirection.PULL, DefaultMappings.hubspot("leadsync"));
        assertThat(skipped(SendPolicy.forConnection(pulls))).isEqualTo(SendPolicy.Reason.WRONG_DIRECTION);
        assertThat(SendPolicy.forLead(Optional.of(aLead().build()), pulls, Suppressions.NONE).sends()).isTrue();
    }

    @Test
    void a_disconnected_connection_takes_nothing_more() {
        CrmConnection gone = salesforce();
        gone.disconnect(T0);
        assertThat(skipped(SendPolicy.forLead(Optional.of(aLead().build()), gone, Suppressions.NONE)))
                .isEqualTo(SendPolicy.Reason.DISCONNECTED);
    }

    @Test
    void web_to_lead_gets_no_converted_lead_and_no_lead_it_would_drop() {
        List<FieldMapping> form = List.of(FieldMapping.both(LeadField.LAST_NAME, "last_name"),
                FieldMapping.both(LeadField.COMPANY_NAME, "company"), FieldMapping.both(LeadField.WORK_EMAIL, "email"));
        CrmConnection webToLead = connection(CrmKind.SALESFORCE_WEB_TO_LEAD, SyncDirection.PUSH, form);

        assertThat(SendPolicy.forLead(Optional.of(aLead().build()), webToLead, Suppressions.NONE).sends()).isTrue();
        assertThat(skipped(SendPolicy.forLead(Optional.of(aLead().withStatus(LeadStatus.CONVERTED).build()),
                webToLead, Suppressions.NONE))).isEqualTo(SendPolicy.Reason.CONVERTED);
        assertThat(skipped(SendPolicy.forLead(Optional.of(aLead().without(LeadField.COMPANY_NAME).build()),
                webToLead, Suppressions.NONE))).isEqualTo(SendPolicy.Reason.INCOMPLETE);
        CrmConnection noCompany = connection(CrmKind.SALESFORCE_WEB_TO_LEAD, SyncDirection.PUSH, form.subList(0, 1));
        assertThat(((SendPolicy.Skip) SendPolicy.forLead(Optional.of(aLead().build()), noCompany, Suppressions.NONE))
                .detail()).contains("sends no company");
    }

    @Test
    void a_converted_lead_still_goes_to_a_crm_which_writes_its_contact() {
        assertThat(SendPolicy.forLead(Optional.of(aLead().withStatus(LeadStatus.CONVERTED).build()), salesforce(),
                Suppressions.NONE).sends()).isTrue();
    }
}
