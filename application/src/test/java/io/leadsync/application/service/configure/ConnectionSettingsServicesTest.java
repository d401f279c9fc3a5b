package io.leadsync.application.service.configure;

import io.leadsync.application.service.connect.ConnectionErrorsService;
import io.leadsync.application.service.delivery.BackfillService;
import io.leadsync.application.port.in.delivery.BackfillCommand;
import io.leadsync.application.port.in.configure.ChangeSettingsCommand;
import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.application.port.in.delivery.ConnectionNotSyncingException;
import io.leadsync.application.port.in.connect.ErrorGroup;
import io.leadsync.application.port.in.configure.InvalidSettingsException;
import io.leadsync.application.port.in.configure.InvalidSettingsException.Violation;
import io.leadsync.application.port.in.configure.MappingInput;
import io.leadsync.application.port.in.configure.ReplaceMappingsCommand;
import io.leadsync.application.port.in.configure.ReplaceMappingsUseCase.MappingsChanged;
import io.leadsync.application.port.in.delivery.ResyncCommand;
import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.application.port.out.PullSchedule;
import io.leadsync.application.port.out.DeliveryQueue.State;
import io.leadsync.application.testing.DirectTransactions;
import io.leadsync.application.testing.InMemoryAuditLog;
import io.leadsync.application.testing.InMemoryCrmConnectionRepository;
import io.leadsync.application.testing.InMemoryDeliveryQueue;
import io.leadsync.application.testing.InMemoryLeadRepository;
import io.leadsync.application.testing.MutableClock;
import io.leadsync.application.testing.SequentialIds;
import io.leadsync.domain.crm.ConflictPolicy;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmIdentity;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.DefaultMappings;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.crm.SyncDirection;
import io.leadsync.domain.crm.SyncFrequency;
import io.leadsync.domain.crm.SyncSettings;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.OTHER_WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.aLead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Settings, mappings, backfill and the error ledger over the in-memory ports. */
class ConnectionSettingsServicesTest {
    private static final ConnectionId SALESFORCE = new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000f1"));
    private static final ConnectionId HUBSPOT = new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000f2"));

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryCrmConnectionRepository connections = new InMemoryCrmConnectionRepository();
    private final InMemoryLeadRepository leads = new InMemoryLeadRepository();
    private final InMemoryDeliveryQueue deliveries = new InMemoryDeliveryQueue();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final DirectTransactions transactions = new DirectTransactions();
    private final SequentialIds ids = new SequentialIds();
    private final ChangeSettingsService settings = new ChangeSettingsService(connections, deliveries, audit,
            transactions, ids, clock);
    private final ReplaceMappingsService mappings = new ReplaceMappingsService(connections, audit, transactions, ids,
            clock);
    private final BackfillService backfill = new BackfillService(connections, leads, deliveries, audit, transactions,
            ids, clock);
    private final ConnectionErrorsService errors = new ConnectionErrorsService(connections, deliveries, audit,
            transactions, ids, clock);

    @BeforeEach
    void setUp() {
        connect(SALESFORCE, CrmKind.SALESFORCE);
        connect(HUBSPOT, CrmKind.HUBSPOT);
    }

    // ---- settings ---------------------------------------------------------------------------------------------------

    @Test
    void a_settings_patch_changes_only_what_it_names_and_is_audited() {
        clock.advance(Duration.ofMinutes(1));
        CrmConnection changed = settings.changeSettings(patch(SALESFORCE, Optional.of(SyncFrequency.REALTIME),
                Optional.empty(), Optional.of(ConflictPolicy.APP_WINS), Optional.empty(), Optional.of(true)));

        SyncSettings now = connections.find(WORKSPACE, SALESFORCE).orElseThrow().settings();
        assertThat(now.frequency()).isEqualTo(SyncFrequency.REALTIME);
        assertThat(now.conflictPolicy()).isEqualTo(ConflictPolicy.APP_WINS);
        assertThat(now.direction()).isEqualTo(SyncDirection.BIDIRECTIONAL);
        assertThat(now.createRecordsInCrm()).isTrue();
        assertThat(now.createLeadsFromCrm()).isTrue();
        assertThat(changed.updatedAt()).isEqualTo(clock.instant());
        assertThat(audit.recent(WORKSPACE, 10)).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("connection.settings-changed");
            assertThat(entry.actor()).isEqualTo("admin");
            assertThat(entry.detail()).contains("frequency EVERY_5_MIN -> REALTIME").contains("createLeadsFromCrm false -> true")
                    .doesNotContain("direction");
        });
    }

    @Test
    void a_faster_frequency_brings_the_next_pull_forward_to_one_new_cycle_from_now() {
        io.leadsync.application.testing.InMemoryPullSchedule pulls =
                new io.leadsync.application.testing.InMemoryPullSchedule(connections, List.of(WORKSPACE));
        settings.withPullSchedule(pulls);
        pulls.claimDue(T0, "node-1", T0.plusSeconds(60), 10);
        pulls.finished(WORKSPACE, SALESFORCE, T0.plus(Duration.ofMinutes(5)), Optional.empty());
        pulls.finished(WORKSPACE, HUBSPOT, T0.plus(Duration.ofMinutes(5)), Optional.empty());
        clock.advance(Duration.ofSeconds(10));

        settings.changeSettings(patch(SALESFORCE, Optional.of(SyncFrequency.REALTIME), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()));

        assertThat(pulls.claimDue(T0.plusSeconds(70), "node-1", T0.plusSeconds(400), 10))
                .extracting(PullSchedule.Due::connectionId).containsExactly(SALESFORCE);
    }

    @Test
    void a_patch_that_changes_nothing_writes_nothing() {
        settings.changeSettings(patch(SALESFORCE, Optional.of(SyncFrequency.EVERY_5_MIN), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()));

        assertThat(audit.recent(WORKSPACE, 10)).isEmpty();
        assertThat(connections.find(WORKSPACE, SALESFORCE).orElseThrow().updatedAt()).isEqualTo(T0);
    }

    @Test
    void going_realtime_brings_deliveries_waiting_for_the_old_cycle_forward_but_not_those_backing_off() {
        deliveries.enqueue(WORKSPACE, SALESFORCE, new LeadId("ada"), 1, T0.plus(Duration.ofMinutes(5)));
        deliveries.enqueue(WORKSPACE, SALESFORCE, new LeadId("grace"), 1, T0);
        DeliveryQueue.Delivery grace = deliveries.claim(WORKSPACE, SALESFORCE, "n", T0, T0.plusSeconds(60), 10).get(0);
        deliveries.retryLater(grace, Optional.of("UNABLE_TO_LOCK_ROW: busy"), T0.plusSeconds(30), true);

        settings.changeSettings(patch(SALESFORCE, Optional.of(SyncFrequency.REALTIME), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()));

        assertThat(deliveries.all(WORKSPACE, SALESFORCE)).filteredOn(d -> d.leadId().value().equals("ada"))
                .singleElement().satisfies(d -> assertThat(d.dueAt()).isEqualTo(T0));
        assertThat(deliveries.all(WORKSPACE, SALESFORCE)).filteredOn(d -> d.leadId().value().equals("grace"))
                .singleElement().satisfies(d -> assertThat(d.dueAt()).isEqualTo(T0.plusSeconds(30)));
    }

    @Test
    void another_workspaces_connection_is_not_found() {
        assertThatThrownBy(() -> settings.changeSettings(new ChangeSettingsCommand(OTHER_WORKSPACE, SALESFORCE, "admin",
                Optional.of(SyncFrequency.HOURLY), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty()))).isInstanceOf(ConnectionNotFoundException.class);
    }

    // ---- mappings ---------------------------------------------------------------------------------------------------

    @Test
    void a_new_mapping_replaces_the_old_one_and_names_the_fields_to_backfill() {
        List<MappingInput> rows = rows(CrmKind.SALESFORCE);
        rows.removeIf(row -> row.appField().equals("about"));
        rows.replaceAll(row -> row.appField().equals("jobTitle")
                ? new MappingInput("jobTitle", "Acme_Job_Title__c", "BIDIRECTIONAL", "APP_WINS") : row);
        rows.replaceAll(row -> row.appField().equals("city")
                ? new MappingInput("city", "City", "BIDIRECTIONAL", "CRM_WINS") : row);

        MappingsChanged result = mappings.replaceMappings(replace(SALESFORCE, rows));

        assertThat(result.changedFields()).containsExactly(LeadField.JOB_TITLE);
        List<FieldMapping> stored = connections.find(WORKSPACE, SALESFORCE).orElseThrow().mappings();
        assertThat(stored).hasSize(20).noneMatch(mapping -> mapping.appField() == LeadField.ABOUT)
                .contains(new FieldMapping(LeadField.JOB_TITLE, "Acme_Job_Title__c", SyncDirection.BIDIRECTIONAL,
                        Optional.of(ConflictPolicy.APP_WINS)));
        assertThat(audit.recent(WORKSPACE, 10)).singleElement()
                .satisfies(entry -> assertThat(entry.action()).isEqualTo("connection.mappings-changed"));
    }

    @Test
    void every_bad_row_is_named_with_its_rule_and_nothing_changes() {
        List<MappingInput> rows = new ArrayList<>(List.of(
                new MappingInput("leadId", "LeadSync_Lead_ID__c", null, null),
                new MappingInput("favouriteColour", "Colour__c", null, null),
                new MappingInput("jobTitle", "Job_Title", null, null),
                new MappingInput("jobTitle", "Title", null, null),
                new MappingInput("leadSource", "LeadSource", "BIDIRECTIONAL", null),
                new MappingInput("city", " ", "SIDEWAYS", "LOUDEST_WINS"),
                new MappingInput("visitCount", "Title", null, null),
                new MappingInput("firstName", "LeadSync_Visit_Count__c", null, null),
                new MappingInput("about", "Title", null, null)));

        InvalidSettingsException refused = catchThrowableOfType(
                () -> mappings.replaceMappings(replace(SALESFORCE, rows)), InvalidSettingsException.class);

        assertThat(refused.violations()).extracting(Violation::path).containsExactlyInAnyOrder(
                "mappings/1/appField", "mappings/2/crmField", "mappings/3/appField", "mappings/4/direction",
                "mappings/5/crmField", "mappings/5/direction", "mappings/5/conflictPolicy",
                "mappings/6/crmField", "mappings/6/crmField", "mappings/7/crmField", "mappings/8/crmField",
                "mappings/8/crmField");
        assertThat(refused.violations()).filteredOn(v -> v.path().equals("mappings/2/crmField")).singleElement()
                .satisfies(v -> assertThat(v.rule()).contains("__c"));
        assertThat(refused.violations()).filteredOn(v -> v.path().equals("mappings/7/crmField")).singleElement()
                .satisfies(v -> assertThat(v.rule()).contains("a number").contains("firstName is a text"));
        assertThat(refused.violations()).extracting(Violation::rule)
                .anySatisfy(rule -> assertThat(rule).contains("holds at most 128 characters").contains("about"));
        assertThat(connections.find(WORKSPACE, SALESFORCE).orElseThrow().mappings())
                .isEqualTo(DefaultMappings.salesforce("LeadSync"));
        assertThat(audit.recent(WORKSPACE, 10)).isEmpty();
    }

    @Test
    void the_lead_id_must_stay_mapped_to_its_external_id_field_both_ways() {
        List<MappingInput> without = rows(CrmKind.HUBSPOT);
        without.removeIf(row -> row.appField().equals("leadId"));
        List<MappingInput> moved = rows(CrmKind.HUBSPOT);
        moved.replaceAll(row -> row.appField().equals("leadId") ? new MappingInput("leadId", "my_id", "PUSH", null) : row);

        assertThat(catchThrowableOfType(() -> mappings.replaceMappings(replace(HUBSPOT, without)),
                InvalidSettingsException.class).violations()).extracting(Violation::path).containsExactly("mappings");
        assertThat(catchThrowableOfType(() -> mappings.replaceMappings(replace(HUBSPOT, moved)),
                InvalidSettingsException.class).violations()).extracting(Violation::path)
                .containsExactlyInAnyOrder("mappings/0/crmField", "mappings/0/direction");
    }

    @Test
    void hubspot_property_names_are_lower_snake_case() {
        List<MappingInput> rows = rows(CrmKind.HUBSPOT);
        rows.replaceAll(row -> row.appField().equals("jobTitle") ? new MappingInput("jobTitle", "JobTitle", null, null)
                : row);

        assertThat(catchThrowableOfType(() -> mappings.replaceMappings(replace(HUBSPOT, rows)),
                InvalidSettingsException.class).violations()).singleElement()
                .satisfies(v -> assertThat(v.rule()).contains("lower case"));
    }

    @Test
    void the_same_mapping_again_changes_nothing() {
        MappingsChanged result = mappings.replaceMappings(replace(SALESFORCE, rows(CrmKind.SALESFORCE)));

        assertThat(result.changedFields()).isEmpty();
        assertThat(audit.recent(WORKSPACE, 10)).isEmpty();
    }

    // ---- backfill ---------------------------------------------------------------------------------------------------

    @Test
    void a_backfill_queues_every_lead_of_the_workspace_at_its_version_due_now_page_by_page() {
        for (int i = 0; i < BackfillService.PAGE * 2 + 3; i++) {
            leads.insert(aLead().withId(String.format("lead-%04d", i)).build());
        }
        leads.insert(aLead().withId("elsewhere").inWorkspace(OTHER_WORKSPACE).build());
        clock.advance(Duration.ofMinutes(3));

        int queued = backfill.backfill(new BackfillCommand(WORKSPACE, HUBSPOT, "admin", Set.of(LeadField.JOB_TITLE)));

        assertThat(queued).isEqualTo(BackfillService.PAGE * 2 + 3);
        assertThat(deliveries.all(WORKSPACE, HUBSPOT)).hasSize(queued).allSatisfy(delivery -> {
            assertThat(delivery.state()).isEqualTo(State.PENDING);
            assertThat(delivery.dueAt()).isEqualTo(clock.instant());
            assertThat(delivery.version()).isEqualTo(1);
        });
        assertThat(deliveries.all(WORKSPACE, SALESFORCE)).isEmpty();
        assertThat(audit.recent(WORKSPACE, 10)).singleElement()
                .satisfies(entry -> assertThat(entry.detail()).contains(queued + " lead(s)").contains("jobTitle"));
    }

    @Test
    void a_connection_that_only_pulls_is_not_backfilled() {
        settings.changeSettings(patch(SALESFORCE, Optional.empty(), Optional.of(SyncDirection.PULL), Optional.empty(),
                Optional.empty(), Optional.empty()));

        assertThatThrownBy(() -> backfill.backfill(new BackfillCommand(WORKSPACE, SALESFORCE, "admin", Set.of())))
                .isInstanceOf(ConnectionNotSyncingException.class).hasMessageContaining("PULL");
    }

    // ---- error ledger -----------------------------------------------------------------------------------------------

    @Test
    void failed_and_skipped_deliveries_are_grouped_by_the_crms_error_code() {
        fail("byron", "REQUIRED_FIELD_MISSING: Required fields are missing: [Company]", State.FAILED);
        fail("shelley", "REQUIRED_FIELD_MISSING: Required fields are missing: [Company]", State.FAILED);
        fail("keats", "INVALID_EMAIL_ADDRESS: Email: invalid email address", State.FAILED);
        fail("blake", "no work email: CRMs match and route leads by email", State.SKIPPED);
        // The code sits after the adapter's own words when the whole request was refused.
        fail("wordsworth", "Salesforce refused the upsert (400): INVALID_FIELD: No such column 'Score__c'",
                State.FAILED);
        deliveries.enqueue(WORKSPACE, SALESFORCE, new LeadId("pending"), 1, T0);

        List<ErrorGroup> groups = errors.errors(WORKSPACE, SALESFORCE);

        assertThat(groups).extracting(ErrorGroup::errorType)
                .containsExactly("REQUIRED_FIELD_MISSING", "INVALID_EMAIL_ADDRESS", "INVALID_FIELD", "NO_WORK_EMAIL");
        assertThat(groups.get(0)).satisfies(group -> {
            assertThat(group.count()).isEqualTo(2);
            assertThat(group.state()).isEqualTo("FAILED");
            assertThat(group.leadIds()).containsExactly("byron", "shelley");
            assertThat(group.sampleMessage()).contains("[Company]");
        });
        assertThat(groups.get(3).state()).isEqualTo("SKIPPED");
    }

    @Test
    void resync_takes_one_lead_a_group_or_everything_and_leaves_the_rest() {
        fail("byron", "REQUIRED_FIELD_MISSING: Required fields are missing: [Company]", State.FAILED);
        fail("shelley", "REQUIRED_FIELD_MISSING: Required fields are missing: [Company]", State.FAILED);
        fail("keats", "INVALID_EMAIL_ADDRESS: Email: invalid email address", State.FAILED);
        fail("blake", "no work email: CRMs match and route leads by email", State.SKIPPED);

        int one = errors.resync(new ResyncCommand(WORKSPACE, SALESFORCE, "admin", Optional.of(Set.of(new LeadId("keats"),
                new LeadId("not-failed"))), Optional.empty()));
        int group = errors.resync(new ResyncCommand(WORKSPACE, SALESFORCE, "admin", Optional.empty(),
                Optional.of("REQUIRED_FIELD_MISSING")));

        assertThat(one).isEqualTo(1);
        assertThat(group).isEqualTo(2);
        assertThat(deliveries.all(WORKSPACE, SALESFORCE)).filteredOn(d -> d.state() == State.PENDING)
                .extracting(d -> d.leadId().value()).containsExactlyInAnyOrder("keats", "byron", "shelley")
                .hasSize(3);
        assertThat(deliveries.all(WORKSPACE, SALESFORCE)).filteredOn(d -> d.state() == State.PENDING)
                .allSatisfy(d -> {
                    assertThat(d.attempts()).isZero();
                    assertThat(d.dueAt()).isEqualTo(clock.instant());
                });
        assertThat(errors.errors(WORKSPACE, SALESFORCE)).extracting(ErrorGroup::errorType).containsExactly("NO_WORK_EMAIL");
        assertThat(errors.resync(new ResyncCommand(WORKSPACE, SALESFORCE, "admin", Optional.empty(), Optional.empty())))
                .isEqualTo(1);
        assertThat(errors.errors(WORKSPACE, SALESFORCE)).isEmpty();
        assertThat(audit.recent(WORKSPACE, 10)).extracting(entry -> entry.action()).containsOnly("connection.errors-resynced");
    }

    @Test
    void another_workspace_sees_no_ledger() {
        assertThatThrownBy(() -> errors.errors(OTHER_WORKSPACE, SALESFORCE)).isInstanceOf(ConnectionNotFoundException.class);
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------

    private void fail(String leadId, String reason, State state) {
        deliveries.enqueue(WORKSPACE, SALESFORCE, new LeadId(leadId), 1, T0);
        DeliveryQueue.Delivery delivery = deliveries.all(WORKSPACE, SALESFORCE).stream()
                .filter(d -> d.leadId().value().equals(leadId)).findFirst().orElseThrow();
        deliveries.giveUp(delivery, state, reason, T0);
    }

    private void connect(ConnectionId id, CrmKind kind) {
        CrmConnection connection = CrmConnection.start(id, WORKSPACE, kind, SyncSettings.defaults(),
                DefaultMappings.forKind(kind, "LeadSync"), T0);
        connection.authorised(new CrmIdentity("admin@acme.example", "Acme", "org-" + kind, Optional.empty()), T0);
        connection.verified(T0);
        connections.insert(connection);
    }

    private static ChangeSettingsCommand patch(ConnectionId id, Optional<SyncFrequency> frequency,
                                               Optional<SyncDirection> direction, Optional<ConflictPolicy> policy,
                                               Optional<Boolean> createRecords, Optional<Boolean> createLeads) {
        return new ChangeSettingsCommand(WORKSPACE, id, "admin", frequency, direction, policy, createRecords, createLeads);
    }

    private static ReplaceMappingsCommand replace(ConnectionId id, List<MappingInput> rows) {
        return new ReplaceMappingsCommand(WORKSPACE, id, "admin", rows);
    }

    /** The default mapping of the kind as an admin would send it back. */
    private static List<MappingInput> rows(CrmKind kind) {
        List<MappingInput> rows = new ArrayList<>();
        DefaultMappings.forKind(kind, "LeadSync").forEach(mapping -> rows.add(new MappingInput(
                mapping.appField().apiName(), mapping.crmField(), mapping.direction().name(),
                mapping.conflictOverride().map(Enum::name).orElse(null))));
        return rows;
    }
}
