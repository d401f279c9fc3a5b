package io.leadsync.application.service.pull;

import io.leadsync.application.service.delivery.PushRecords;
import io.leadsync.application.service.delivery.RouteChangesService;
import io.leadsync.application.service.delivery.PushDeliveriesService;
import io.leadsync.application.port.in.pull.PullChangesUseCase.PullReport;
import io.leadsync.application.testing.DirectTransactions;
import io.leadsync.application.testing.FakeCrmAuthorization;
import io.leadsync.application.testing.FakeCrmChangeReader;
import io.leadsync.application.testing.FakeCrmLeadWriter;
import io.leadsync.application.testing.InMemoryAuditLog;
import io.leadsync.application.testing.InMemoryCrmConnectionRepository;
import io.leadsync.application.testing.InMemoryCrmLinkRepository;
import io.leadsync.application.testing.InMemoryDeliveryQueue;
import io.leadsync.application.testing.InMemoryLeadRepository;
import io.leadsync.application.testing.InMemoryOutbox;
import io.leadsync.application.testing.InMemoryPullSchedule;
import io.leadsync.application.testing.InMemoryTokenVault;
import io.leadsync.application.testing.InMemoryWorkspaceRepository;
import io.leadsync.application.testing.MutableClock;
import io.leadsync.application.testing.SequentialIds;
import io.leadsync.domain.crm.ConflictPolicy;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmIdentity;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.CrmTokens;
import io.leadsync.domain.crm.DefaultMappings;
import io.leadsync.domain.crm.SyncDirection;
import io.leadsync.domain.crm.SyncFrequency;
import io.leadsync.domain.crm.SyncSettings;
import io.leadsync.domain.crm.TargetObject;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.sync.ChangeSource;
import io.leadsync.domain.workspace.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.aLead;
import static org.assertj.core.api.Assertions.assertThat;

class PullChangesServiceTest {
    private static final ConnectionId SALESFORCE = new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000a1"));
    private static final ConnectionId HUBSPOT = new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000a2"));
    private static final LeadId ADA = new LeadId("ada");

    private final MutableClock clock = new MutableClock(T0.plus(Duration.ofHours(1)));
    private final FakeCrmChangeReader salesforce = new FakeCrmChangeReader(CrmKind.SALESFORCE, 2);
    private final FakeCrmLeadWriter salesforceWriter = new FakeCrmLeadWriter(CrmKind.SALESFORCE, 200);
    private final FakeCrmLeadWriter hubspotWriter = new FakeCrmLeadWriter(CrmKind.HUBSPOT, 100);
    private final InMemoryWorkspaceRepository workspaces = new InMemoryWorkspaceRepository();
    private final InMemoryCrmConnectionRepository connections = new InMemoryCrmConnectionRepository();
    private final InMemoryLeadRepository leads = new InMemoryLeadRepository();
    private final InMemoryCrmLinkRepository links = new InMemoryCrmLinkRepository();
    private final InMemoryTokenVault vault = new InMemoryTokenVault();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final InMemoryDeliveryQueue deliveries = new InMemoryDeliveryQueue();
    private final InMemoryPullSchedule schedule = new InMemoryPullSchedule(connections, List.of(WORKSPACE));
    private final DirectTransactions transactions = new DirectTransactions();
    private final List<io.leadsync.application.port.out.CrmAuthorization> authorizations = List.of(
            new FakeCrmAuthorization(CrmKind.SALESFORCE), new FakeCrmAuthorization(CrmKind.HUBSPOT));
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final PullChangesService pull = new PullChangesService(authorizations, List.of(salesforce), schedule,
            connections, leads, links, outbox, deliveries, vault, audit, transactions,
            new SequentialIds(), clock);
    private final RouteChangesService route = new RouteChangesService(outbox, deliveries, connections,
            List.of(salesforceWriter, hubspotWriter), transactions, clock);
    private final PushDeliveriesService push = new PushDeliveriesService(authorizations,
            List.of(salesforceWriter, hubspotWriter), deliveries, workspaces, connections, leads, links, vault,
            new InMemoryAuditLog(), transactions, new SequentialIds(), clock);

    @BeforeEach
    void setUp() {
        workspaces.insert(new Workspace(WORKSPACE, "Acme", "Acme SDR", T0));
        connect(SALESFORCE, CrmKind.SALESFORCE, ConflictPolicy.CRM_WINS, false);
        connect(HUBSPOT, CrmKind.HUBSPOT, ConflictPolicy.CRM_WINS, false);
        leads.insert(aLead().withId(ADA.value()).withEmail("ada@analytical.example").with(LeadField.JOB_TITLE, "Analyst")
                .createdAt(T0).build());
    }

    @Test
    void a_reps_edit_reaches_the_lead_and_travels_on_to_the_other_crm_but_never_back() {
        pushedToSalesforce("00Q1");
        salesforce.edit("00Q1", clock.instant(), Map.of(LeadField.JOB_TITLE, "CTO"));

        PullReport report = pull.pullNow(WORKSPACE, SALESFORCE, "node-1");
        route.route(100);
        push.pushDue("node-1");

        assertThat(report.leadsUpdated()).isEqualTo(1);
        assertThat(leads.find(WORKSPACE, ADA).orElseThrow().value(LeadField.JOB_TITLE)).contains("CTO");
        assertThat(outbox.all().get(outbox.all().size() - 1).source()).isEqualTo(new ChangeSource.Crm(SALESFORCE));
        assertThat(hubspotWriter.records().get("ada")).containsEntry(LeadField.JOB_TITLE, Optional.of("CTO"));
        assertThat(salesforceWriter.calls()).as("nothing went back to Salesforce").isZero();
    }

    @Test
    void leadsyncs_own_write_coming_back_changes_nothing_and_owes_nothing() {
        pushedToSalesforce("00Q1");

        PullReport report = pull.pullNow(WORKSPACE, SALESFORCE, "node-1");

        assertThat(report.read()).isEqualTo(1);
        assertThat(report.unchanged()).isEqualTo(1);
        assertThat(outbox.all()).isEmpty();
        assertThat(deliveries.all(WORKSPACE, SALESFORCE)).isEmpty();
    }

    @Test
    void a_record_read_before_leadsyncs_own_later_write_does_not_take_the_old_value_back() {
        pushedToSalesforce("00Q1");
        Lead ada = leads.find(WORKSPACE, ADA).orElseThrow();
        ada.update(Map.of(LeadField.JOB_TITLE, "Founder"), clock.instant());
        leads.update(ada);
        clock.advance(Duration.ofSeconds(1));
        // The agent's new title is pushed while the pull's page (still showing "Analyst") is on its way.
        salesforce.whileReading(() -> {
            clock.advance(Duration.ofMillis(200));
            pushedToSalesforce("00Q1");
        });

        PullReport stale = pull.pullNow(WORKSPACE, SALESFORCE, "node-1");

        assertThat(stale.leadsUpdated()).isZero();
        assertThat(leads.find(WORKSPACE, ADA).orElseThrow().value(LeadField.JOB_TITLE)).contains("Founder");
        assertThat(links.findByCrmRecordId(WORKSPACE, SALESFORCE, "00Q1").orElseThrow().base(LeadField.JOB_TITLE))
                .contains("Founder");
        assertThat(outbox.all()).as("nothing to pass on to HubSpot").isEmpty();

        // The next pull reads the record as the push left it: LeadSync's own write, nothing to merge.
        clock.advance(Duration.ofMinutes(1));
        PullReport next = pull.pullNow(WORKSPACE, SALESFORCE, "node-1");
        assertThat(next.read()).isEqualTo(1);
        assertThat(next.unchanged()).isEqualTo(1);
        assertThat(leads.find(WORKSPACE, ADA).orElseThrow().value(LeadField.JOB_TITLE)).contains("Founder");
    }

    @Test
    void both_sides_edited_the_title_and_each_policy_decides() {
        Map<ConflictPolicy, String> winners = Map.of(ConflictPolicy.CRM_WINS, "CTO", ConflictPolicy.APP_WINS, "Founder",
                ConflictPolicy.MOST_RECENT, "CTO");
        winners.forEach((policy, winner) -> {
            PullChangesServiceTest test = new PullChangesServiceTest();
            test.setUp();
            test.connect(SALESFORCE, CrmKind.SALESFORCE, policy, false);
            test.pushedToSalesforce("00Q1");
            Lead lead = test.leads.find(WORKSPACE, ADA).orElseThrow();
            lead.update(Map.of(LeadField.JOB_TITLE, "Founder"), test.clock.instant());
            test.leads.update(lead);
            test.clock.advance(Duration.ofMinutes(1));
            test.salesforce.edit("00Q1", test.clock.instant(), Map.of(LeadField.JOB_TITLE, "CTO"));

            test.pull.pullNow(WORKSPACE, SALESFORCE, "node-1");

            assertThat(test.leads.find(WORKSPACE, ADA).orElseThrow().value(LeadField.JOB_TITLE)).as(policy.name())
                    .contains(winner);
            assertThat(test.deliveries.all(WORKSPACE, SALESFORCE)).as(policy + ": LeadSync's value owed to Salesforce")
                    .hasSize(winner.equals("Founder") ? 1 : 0);
        });
    }

    @Test
    void the_audit_shows_each_field_that_moved_and_the_rule_that_settled_a_conflict() {
        pushedToSalesforce("00Q1");
        Lead lead = leads.find(WORKSPACE, ADA).orElseThrow();
        lead.update(Map.of(LeadField.JOB_TITLE, "Founder"), clock.instant());
        leads.update(lead);
        clock.advance(Duration.ofMinutes(1));
        salesforce.edit("00Q1", clock.instant(), Map.of(LeadField.JOB_TITLE, "CTO", LeadField.CITY, "London"));

        pull.pullNow(WORKSPACE, SALESFORCE, "node-1");

        assertThat(audit.recent(WORKSPACE, 10)).filteredOn(entry -> entry.action().equals("lead.pulled"))
                .singleElement().satisfies(entry -> assertThat(((io.leadsync.domain.sync.SyncEvent.LeadPulled)
                        entry.event().orElseThrow()).fields()).containsExactlyInAnyOrder(
                        new io.leadsync.domain.sync.PulledField(LeadField.CITY, Optional.empty(), Optional.of("London"),
                                io.leadsync.domain.sync.PulledField.Flow.TAKEN, Optional.empty()),
                        new io.leadsync.domain.sync.PulledField(LeadField.JOB_TITLE, Optional.of("Founder"),
                                Optional.of("CTO"), io.leadsync.domain.sync.PulledField.Flow.TAKEN, Optional.of(
                                new io.leadsync.domain.sync.ConflictResolution(
                                        io.leadsync.domain.crm.ConflictPolicy.CRM_WINS, io.leadsync.domain.sync.Side.CRM,
                                        Optional.of("Founder"), Optional.of("CTO"))))));
    }

    @Test
    void the_rep_and_the_agent_edit_different_fields_and_both_survive() {
        pushedToSalesforce("00Q1");
        Lead lead = leads.find(WORKSPACE, ADA).orElseThrow();
        lead.update(Map.of(LeadField.STATUS, "CONTACTED"), clock.instant());
        leads.update(lead);
        salesforce.edit("00Q1", clock.instant(), Map.of(LeadField.JOB_TITLE, "CTO"));

        pull.pullNow(WORKSPACE, SALESFORCE, "node-1");

        Lead merged = leads.find(WORKSPACE, ADA).orElseThrow();
        assertThat(merged.value(LeadField.JOB_TITLE)).contains("CTO");
        assertThat(merged.value(LeadField.STATUS)).contains("CONTACTED");
        assertThat(deliveries.all(WORKSPACE, SALESFORCE)).as("the status is owed to Salesforce").hasSize(1);
    }

    @Test
    void a_record_leadsync_never_linked_is_matched_by_email_and_linked() {
        salesforce.edit("00Q9", clock.instant(), Map.of(LeadField.WORK_EMAIL, "ada@analytical.example",
                LeadField.LAST_NAME, "Lovelace", LeadField.JOB_TITLE, "Analyst"));

        pull.pullNow(WORKSPACE, SALESFORCE, "node-1");

        assertThat(links.findByCrmRecordId(WORKSPACE, SALESFORCE, "00Q9")).hasValueSatisfying(link ->
                assertThat(link.leadId()).isEqualTo(ADA));
    }

    @Test
    void a_record_matched_by_email_is_then_written_by_its_crm_id_and_stamped_never_duplicated() {
        salesforce.edit("00Q9", clock.instant(), Map.of(LeadField.WORK_EMAIL, "ada@analytical.example",
                LeadField.LAST_NAME, "Lovelace"));

        pull.pullNow(WORKSPACE, SALESFORCE, "node-1");
        route.route(100);
        push.pushDue("node-1");

        assertThat(salesforceWriter.records()).containsKey("ada");
        assertThat(links.findByCrmRecordId(WORKSPACE, SALESFORCE, "00Q9")).hasValueSatisfying(link -> {
            assertThat(link.leadId()).isEqualTo(ADA);
            assertThat(link.base(LeadField.LEAD_ID)).as("stamped now").contains("ada");
        });
        assertThat(links.find(WORKSPACE, SALESFORCE, ADA).orElseThrow().crmRecordId()).isEqualTo("00Q9");
    }

    @Test
    void an_unmatched_record_becomes_a_lead_only_where_the_connection_allows_it() {
        salesforce.edit("00Q7", clock.instant(), Map.of(LeadField.WORK_EMAIL, "grace@navy.example",
                LeadField.LAST_NAME, "Hopper"));

        PullReport refused = pull.pullNow(WORKSPACE, SALESFORCE, "node-1");
        connect(SALESFORCE, CrmKind.SALESFORCE, ConflictPolicy.CRM_WINS, true);
        clock.advance(Duration.ofSeconds(1));
        salesforce.edit("00Q7", clock.instant(), Map.of(LeadField.CITY, "Arlington"));
        PullReport allowed = pull.pullNow(WORKSPACE, SALESFORCE, "node-1");

        assertThat(refused.unmatched()).isEqualTo(1);
        assertThat(allowed.leadsCreated()).isEqualTo(1);
        assertThat(leads.find(WORKSPACE, new LeadId("salesforce:00Q7"))).hasValueSatisfying(lead ->
                assertThat(lead.value(LeadField.LAST_NAME)).contains("Hopper"));
    }

    @Test
    void pages_are_checkpointed_and_the_next_pull_reads_only_what_changed_since_less_the_overlap() {
        for (int i = 0; i < 5; i++) {
            salesforce.edit("00Q" + i, T0.plusSeconds(60L * i), Map.of(LeadField.WORK_EMAIL, "x" + i + "@x.example",
                    LeadField.LAST_NAME, "X"));
        }
        PullReport first = pull.pullNow(WORKSPACE, SALESFORCE, "node-1");
        clock.advance(Duration.ofHours(1));
        salesforce.edit("00Q2", clock.instant(), Map.of(LeadField.CITY, "Paris"));

        PullReport second = pull.pullNow(WORKSPACE, SALESFORCE, "node-1");

        assertThat(first.read()).isEqualTo(5);
        // From the saved watermark (T0+240 s) less the 2-minute overlap: the two records of the last two minutes
        // again (harmless, they change nothing), and the one edited since.
        assertThat(second.read()).isEqualTo(3);
        assertThat(salesforce.calls()).as("pages of two: 3 + 1 deletion check, then 2 + 1").isEqualTo(7);
    }

    @Test
    void a_record_deleted_in_the_crm_marks_its_link_and_the_lead_stays() {
        pushedToSalesforce("00Q1");
        pull.pullNow(WORKSPACE, SALESFORCE, "node-1");
        clock.advance(Duration.ofSeconds(30));
        salesforce.delete("00Q1", clock.instant());
        clock.advance(Duration.ofSeconds(1));

        PullReport report = pull.pullNow(WORKSPACE, SALESFORCE, "node-1");

        assertThat(report.deleted()).isEqualTo(1);
        assertThat(links.findByCrmRecordId(WORKSPACE, SALESFORCE, "00Q1")).hasValueSatisfying(link ->
                assertThat(link.deletedInCrm()).isTrue());
        assertThat(leads.find(WORKSPACE, ADA)).isPresent();
    }

    /** LeadSync pushed the lead; the CRM now holds exactly what LeadSync sent. */
    @Test
    void a_conversion_moves_the_link_to_the_contact_marks_the_lead_converted_and_owes_the_contact_the_lead() {
        pushedToSalesforce("00Q1");
        salesforce.convert("00Q1", clock.instant(), new io.leadsync.domain.crm.CrmConversion("00Q1", "0031",
                Optional.of("0011"), Optional.of(java.time.LocalDate.of(2026, 12, 4))));

        pull.pullNow(WORKSPACE, SALESFORCE, "node-1");

        var link = links.find(WORKSPACE, SALESFORCE, ADA).orElseThrow();
        assertThat(link.crmRecordId()).isEqualTo("0031");
        assertThat(link.conversion().orElseThrow().accountId()).contains("0011");
        assertThat(leads.find(WORKSPACE, ADA).orElseThrow().status())
                .isEqualTo(io.leadsync.domain.lead.LeadStatus.CONVERTED);
        assertThat(deliveries.all(WORKSPACE, SALESFORCE)).as("the Contact is owed the whole lead").hasSize(1);
        assertThat(audit.recent(WORKSPACE, 100)).anyMatch(entry -> entry.action().equals("lead.converted")
                && entry.detail().contains("Contact 0031"));

        push.pushDue("node-1");

        var written = salesforceWriter.records().get("ada");
        assertThat(written).as("the whole lead, by the Contact's id").containsEntry(LeadField.JOB_TITLE,
                Optional.of("Analyst")).containsEntry(LeadField.STATUS, Optional.of("CONVERTED"));
        assertThat(salesforceWriter.knownRecordIds()).contains("0031");
    }

    @Test
    void a_merge_moves_the_link_to_the_master_and_the_next_write_goes_there_by_id() {
        pushedToSalesforce("00Q1");
        salesforce.merge("00Q1", "00Q9", clock.instant());

        PullReport report = pull.pullNow(WORKSPACE, SALESFORCE, "node-1");

        assertThat(report.deleted()).as("followed, not deleted").isZero();
        var link = links.find(WORKSPACE, SALESFORCE, ADA).orElseThrow();
        assertThat(link.crmRecordId()).isEqualTo("00Q9");
        assertThat(link.deletedInCrm()).isFalse();
        push.pushDue("node-1");
        assertThat(salesforceWriter.knownRecordIds()).containsExactly("00Q9");
    }

    @Test
    void a_merge_into_another_leads_record_leaves_this_lead_without_a_record_rather_than_sharing_one() {
        pushedToSalesforce("00Q1");
        links.save(new io.leadsync.domain.crm.CrmLink(WORKSPACE, SALESFORCE, new LeadId("bob"), "00Q9", Map.of(),
                Optional.empty(), clock.instant(), false));
        salesforce.merge("00Q1", "00Q9", clock.instant());

        PullReport report = pull.pullNow(WORKSPACE, SALESFORCE, "node-1");

        assertThat(report.deleted()).isEqualTo(1);
        assertThat(links.find(WORKSPACE, SALESFORCE, ADA).orElseThrow().deletedInCrm()).isTrue();
        assertThat(audit.recent(WORKSPACE, 100)).anyMatch(entry -> entry.action().equals("lead.merged")
                && entry.detail().contains("lead bob"));
    }

    @Test
    void a_record_the_rules_refuse_writes_nothing_and_the_rest_of_its_page_is_merged() {
        leads.insert(aLead().withId("grace").withEmail("grace@navy.example").createdAt(T0).build());
        // One page (pages of two): Ada's record has a title longer than a lead's may be; Grace's is an edit.
        salesforce.edit("00Q1", clock.instant(), Map.of(LeadField.WORK_EMAIL, "ada@analytical.example",
                LeadField.LAST_NAME, "Lovelace", LeadField.JOB_TITLE, "T".repeat(200)));
        salesforce.edit("00Q2", clock.instant(), Map.of(LeadField.WORK_EMAIL, "grace@navy.example",
                LeadField.LAST_NAME, "Lovelace", LeadField.JOB_TITLE, "Rear Admiral"));

        PullReport report = pull.pullNow(WORKSPACE, SALESFORCE, "node-1");

        assertThat(report.read()).isEqualTo(2);
        assertThat(report.refused()).isEqualTo(1);
        assertThat(leads.find(WORKSPACE, ADA).orElseThrow().value(LeadField.JOB_TITLE)).contains("Analyst");
        assertThat(links.findByCrmRecordId(WORKSPACE, SALESFORCE, "00Q1")).as("nothing of it written").isEmpty();
        assertThat(leads.find(WORKSPACE, new LeadId("grace")).orElseThrow().value(LeadField.JOB_TITLE))
                .contains("Rear Admiral");
        assertThat(audit.recent(WORKSPACE, 100)).anyMatch(entry -> entry.action().equals("lead.pull-refused")
                && entry.detail().startsWith("CRM record 00Q1: ") && entry.detail().contains("jobTitle"));
    }

    @Test
    void a_record_linked_to_another_lead_is_refused_as_a_link_conflict_never_moved() {
        links.save(new io.leadsync.domain.crm.CrmLink(WORKSPACE, SALESFORCE, new LeadId("gone"), "00Q5", Map.of(),
                Optional.empty(), clock.instant(), false));
        salesforce.edit("00Q5", clock.instant(), Map.of(LeadField.WORK_EMAIL, "ada@analytical.example",
                LeadField.LAST_NAME, "Lovelace", LeadField.JOB_TITLE, "CTO"));

        PullReport report = pull.pullNow(WORKSPACE, SALESFORCE, "node-1");

        assertThat(report.refused()).isEqualTo(1);
        assertThat(leads.find(WORKSPACE, ADA).orElseThrow().value(LeadField.JOB_TITLE)).contains("Analyst");
        assertThat(links.findByCrmRecordId(WORKSPACE, SALESFORCE, "00Q5").orElseThrow().leadId())
                .isEqualTo(new LeadId("gone"));
        assertThat(audit.recent(WORKSPACE, 100)).anyMatch(entry -> entry.action().equals("lead.pull-refused")
                && entry.detail().contains("LINK_CONFLICT"));
    }

    private void pushedToSalesforce(String crmId) {
        Lead lead = leads.find(WORKSPACE, ADA).orElseThrow();
        CrmConnection connection = connections.find(WORKSPACE, SALESFORCE).orElseThrow();
        var record = PushRecords.record(lead, connection, workspaces.find(WORKSPACE).orElseThrow());
        links.save(PushRecords.link(workspaces.find(WORKSPACE).orElseThrow(), connection, record,
                io.leadsync.application.port.out.UpsertResult.written(ADA, true, crmId), clock.instant()));
        Map<LeadField, String> values = new java.util.EnumMap<>(LeadField.class);
        record.values().forEach((field, value) -> values.put(field, value.orElse(null)));
        salesforce.edit(crmId, clock.instant(), values);
        clock.advance(Duration.ofSeconds(1));
    }

    private void connect(ConnectionId id, CrmKind kind, ConflictPolicy policy, boolean createLeads) {
        CrmConnection connection = CrmConnection.start(id, WORKSPACE, kind, new SyncSettings(SyncFrequency.REALTIME,
                SyncDirection.BIDIRECTIONAL, policy, true, createLeads, TargetObject.LEAD),
                DefaultMappings.forKind(kind, "LeadSync"), T0);
        connection.authorised(new CrmIdentity("admin@acme.example", "Acme", "org-" + kind, Optional.empty()), T0);
        connection.verified(T0);
        if (connections.find(WORKSPACE, id).isPresent()) {
            connections.update(WORKSPACE, id, current -> {
                current.changeSettings(connection.settings(), connection.mappings(), T0);
                current.authorised(connection.identity().orElseThrow(), T0);
                current.verified(T0);
            });
        } else {
            connections.insert(connection);
        }
        vault.store(WORKSPACE, id, new CrmTokens("access-" + kind, Optional.of("refresh"), Optional.empty(), T0));
    }
}
