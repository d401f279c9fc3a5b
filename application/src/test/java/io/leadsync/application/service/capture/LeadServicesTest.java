package io.leadsync.application.service.capture;

import io.leadsync.application.port.in.capture.GetLeadQuery;
import io.leadsync.application.port.in.capture.LeadActionCommand;
import io.leadsync.application.port.in.LeadNotFoundException;
import io.leadsync.application.port.in.capture.LeadOutcome;
import io.leadsync.application.port.in.capture.LeadPage;
import io.leadsync.application.port.in.capture.ListLeadsQuery;
import io.leadsync.application.port.out.LeadCriteria;
import io.leadsync.application.port.out.LeadRepository;
import io.leadsync.application.port.out.LeadSlice;
import io.leadsync.application.testing.DirectTransactions;
import io.leadsync.application.testing.InMemoryActionLog;
import io.leadsync.application.testing.InMemoryAgentRoutingRepository;
import io.leadsync.application.testing.InMemoryCrmConnectionRepository;
import io.leadsync.application.testing.InMemoryCrmLinkRepository;
import io.leadsync.application.testing.InMemoryDuplicateRules;
import io.leadsync.application.testing.InMemoryLeadRepository;
import io.leadsync.application.testing.InMemoryOutbox;
import io.leadsync.application.testing.InMemorySuppressionRepository;
import io.leadsync.application.testing.InMemoryWorkspaceRepository;
import io.leadsync.application.testing.MutableClock;
import io.leadsync.application.testing.SequentialIds;
import io.leadsync.domain.lead.FieldChange;
import io.leadsync.domain.lead.InvalidLeadException;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadFixtures;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.lead.LeadStatus;
import io.leadsync.domain.sync.ChangeSource;
import io.leadsync.domain.sync.LeadChanged;
import io.leadsync.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.leadsync.domain.lead.LeadFixtures.OTHER_WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LeadServicesTest {
    private final InMemoryLeadRepository leads = new InMemoryLeadRepository();
    private final InMemoryOutbox outbox = new InMemoryOutbox();
    private final DirectTransactions transactions = new DirectTransactions();
    private final SequentialIds ids = new SequentialIds();
    private final MutableClock clock = new MutableClock(T0);

    private final LeadActionService actions = actionService(leads);
    private final GetLeadService get = new GetLeadService(leads);
    private final ListLeadsService list = new ListLeadsService(leads);

    private static final LeadId LEAD = new LeadId("lead-1");

    /** The agent API's and MCP's way in: the same use case, with no CRM connected (every change goes nowhere). */
    private LeadActionService actionService(LeadRepository repository) {
        return new LeadActionService(repository, outbox, transactions, ids, clock,
                new InMemoryCrmConnectionRepository(), new InMemoryAgentRoutingRepository(), new InMemoryActionLog(),
                new InMemoryWorkspaceRepository(), new InMemoryCrmLinkRepository(), List.of(),
                new InMemoryDuplicateRules(leads), new InMemorySuppressionRepository());
    }

    private static LeadActionCommand capture(WorkspaceId workspace, LeadId lead, Map<LeadField, String> values) {
        return new LeadActionCommand(workspace, "api-key:test", LeadActionCommand.Write.CAPTURE, lead, values,
                Optional.empty(), List.of(), false);
    }

    private LeadOutcome capture(WorkspaceId workspace, Map<LeadField, String> values) {
        return actions.perform(capture(workspace, LEAD, values)).outcome();
    }

    private LeadOutcome update(WorkspaceId workspace, Map<LeadField, String> values) {
        return actions.perform(new LeadActionCommand(workspace, "api-key:test", LeadActionCommand.Write.PATCH, LEAD,
                values, Optional.empty(), List.of(), false)).outcome();
    }

    private LeadOutcome changeStatus(LeadStatus status) {
        return actions.perform(new LeadActionCommand(WORKSPACE, "api-key:test", LeadActionCommand.Write.STATUS, LEAD,
                Map.of(), Optional.of(status), List.of(), false)).outcome();
    }

    @Test
    void a_new_lead_is_stored_with_one_outbox_entry_holding_every_value() {
        LeadOutcome outcome = capture(WORKSPACE, LeadFixtures.typicalInput());

        assertThat(outcome.created()).isTrue();
        Lead stored = get.get(new GetLeadQuery(WORKSPACE, LEAD));
        assertThat(stored.lastName()).isEqualTo("Lovelace");
        assertThat(stored.status()).isEqualTo(LeadStatus.NEW);
        assertThat(outbox.all()).singleElement().satisfies(entry -> {
            assertThat(entry.created()).isTrue();
            assertThat(entry.leadVersion()).isEqualTo(1);
            assertThat(entry.source()).isEqualTo(new ChangeSource.App("api-key:test"));
            assertThat(entry.changes()).extracting(FieldChange::field)
                    .contains(LeadField.LEAD_ID, LeadField.LAST_NAME, LeadField.WORK_EMAIL, LeadField.STATUS);
        });
    }

    @Test
    void capturing_the_same_payload_twice_changes_nothing_the_second_time() {
        capture(WORKSPACE, LeadFixtures.typicalInput());
        clock.advance(Duration.ofMinutes(1));

        LeadOutcome again = capture(WORKSPACE, LeadFixtures.typicalInput());

        assertThat(again.created()).isFalse();
        assertThat(again.changed()).isFalse();
        assertThat(outbox.all()).hasSize(1);
        Lead stored = get.get(new GetLeadQuery(WORKSPACE, LEAD));
        assertThat(stored.version()).isEqualTo(1);
        assertThat(stored.updatedAt()).isEqualTo(T0);
    }

    @Test
    void recapturing_with_one_new_value_records_just_that_change() {
        capture(WORKSPACE, LeadFixtures.typicalInput());
        clock.advance(Duration.ofMinutes(1));
        Map<LeadField, String> input = LeadFixtures.typicalInput();
        input.put(LeadField.JOB_TITLE, "Chief Analyst");

        LeadOutcome outcome = capture(WORKSPACE, input);

        assertThat(outcome.changes()).containsExactly(
                new FieldChange(LeadField.JOB_TITLE, Optional.empty(), Optional.of("Chief Analyst")));
        assertThat(outbox.all()).hasSize(2);
        assertThat(outbox.all().get(1).leadVersion()).isEqualTo(2);
        assertThat(outbox.all().get(1).created()).isFalse();
    }

    @Test
    void an_invalid_lead_writes_nothing() {
        Map<LeadField, String> input = LeadFixtures.typicalInput();
        input.put(LeadField.WORK_EMAIL, "not-an-email");
        input.remove(LeadField.LAST_NAME);

        assertThatThrownBy(() -> capture(WORKSPACE, input))
                .isInstanceOf(InvalidLeadException.class);

        assertThat(leads.find(WORKSPACE, LEAD)).isEmpty();
        assertThat(outbox.all()).isEmpty();
    }

    @Test
    void the_same_lead_id_in_two_workspaces_is_two_leads() {
        capture(WORKSPACE, LeadFixtures.typicalInput());
        Map<LeadField, String> other = LeadFixtures.typicalInput();
        other.put(LeadField.LAST_NAME, "Byron");

        LeadOutcome outcome = capture(OTHER_WORKSPACE, other);

        assertThat(outcome.created()).isTrue();
        assertThat(get.get(new GetLeadQuery(WORKSPACE, LEAD)).lastName()).isEqualTo("Lovelace");
        assertThat(get.get(new GetLeadQuery(OTHER_WORKSPACE, LEAD)).lastName()).isEqualTo("Byron");
    }

    @Test
    void a_capture_that_loses_the_race_to_create_is_applied_as_an_update() {
        // Another node creates the lead between this capture's read and its insert.
        LeadRepository racing = new LeadRepository() {
            private boolean raced;

            @Override
            public Optional<Lead> find(WorkspaceId workspaceId, LeadId leadId) {
                return leads.find(workspaceId, leadId);
            }

            @Override
            public Optional<Lead> findForChange(WorkspaceId workspaceId, LeadId leadId) {
                Optional<Lead> found = leads.find(workspaceId, leadId);
                if (!raced) {
                    raced = true;
                    leads.insert(LeadFixtures.aLead().withId(leadId.value()).createdAt(T0).build());
                }
                return found;
            }

            @Override
            public void insert(Lead lead) {
                leads.insert(lead);
            }

            @Override
            public void update(Lead lead) {
                leads.update(lead);
            }

            @Override
            public LeadSlice list(LeadCriteria criteria) {
                return leads.list(criteria);
            }

            @Override
            public Optional<Lead> findForChangeByWorkEmail(WorkspaceId workspaceId, String workEmail) {
                return leads.findForChangeByWorkEmail(workspaceId, workEmail);
            }

            @Override
            public java.util.List<Lead> listAfter(WorkspaceId workspaceId, Optional<LeadId> after, int limit) {
                return leads.listAfter(workspaceId, after, limit);
            }
        };
        LeadActionService racingCapture = actionService(racing);
        Map<LeadField, String> input = LeadFixtures.typicalInput();
        input.put(LeadField.CITY, "London");

        LeadOutcome outcome = racingCapture.perform(capture(WORKSPACE, LEAD, input)).outcome();

        assertThat(outcome.created()).isFalse();
        assertThat(get.get(new GetLeadQuery(WORKSPACE, LEAD)).value(LeadField.CITY)).contains("London");
        assertThat(transactions.started()).isEqualTo(2);
    }

    @Test
    void update_changes_only_the_fields_sent_and_null_clears() {
        capture(WORKSPACE, LeadFixtures.typicalInput());
        Map<LeadField, String> patch = new HashMap<>();
        patch.put(LeadField.FIRST_NAME, null);
        patch.put(LeadField.CITY, "Paris");

        LeadOutcome outcome = update(WORKSPACE, patch);

        Lead stored = outcome.lead();
        assertThat(stored.value(LeadField.FIRST_NAME)).isEmpty();
        assertThat(stored.value(LeadField.CITY)).contains("Paris");
        assertThat(stored.value(LeadField.WORK_EMAIL)).contains("ada@analytical.example");
        assertThat(outbox.all()).hasSize(2);
    }

    @Test
    void updating_or_changing_the_status_of_a_missing_lead_is_not_found_and_writes_nothing() {
        assertThatThrownBy(() -> update(WORKSPACE, Map.of(LeadField.CITY, "Paris")))
                .isInstanceOf(LeadNotFoundException.class);
        assertThatThrownBy(() -> changeStatus(LeadStatus.QUALIFIED))
                .isInstanceOf(LeadNotFoundException.class);
        assertThat(outbox.all()).isEmpty();
    }

    @Test
    void another_workspaces_lead_is_not_found() {
        capture(WORKSPACE, LeadFixtures.typicalInput());

        assertThatThrownBy(() -> get.get(new GetLeadQuery(OTHER_WORKSPACE, LEAD)))
                .isInstanceOf(LeadNotFoundException.class);
        assertThatThrownBy(() -> update(OTHER_WORKSPACE, Map.of(LeadField.CITY, "Paris")))
                .isInstanceOf(LeadNotFoundException.class);
    }

    @Test
    void changing_the_status_records_a_change_once() {
        capture(WORKSPACE, LeadFixtures.typicalInput());
        clock.advance(Duration.ofMinutes(3));

        LeadOutcome first = changeStatus(LeadStatus.QUALIFIED);
        LeadOutcome second = changeStatus(LeadStatus.QUALIFIED);

        assertThat(first.changes()).containsExactly(new FieldChange(LeadField.STATUS, Optional.of("NEW"),
                Optional.of("QUALIFIED")));
        assertThat(second.changed()).isFalse();
        assertThat(first.lead().changedAt(LeadField.STATUS)).contains(T0.plus(Duration.ofMinutes(3)));
        assertThat(outbox.forLead(WORKSPACE, LEAD)).extracting(LeadChanged::leadVersion).containsExactly(1L, 2L);
    }

    @Test
    void listing_pages_through_the_workspaces_leads_newest_change_first() {
        for (int i = 1; i <= 5; i++) {
            actions.perform(capture(WORKSPACE, new LeadId("lead-" + i), LeadFixtures.typicalInput()));
            clock.advance(Duration.ofSeconds(1));
        }
        actions.perform(capture(OTHER_WORKSPACE, new LeadId("other"), LeadFixtures.typicalInput()));

        LeadPage second = list.list(new ListLeadsQuery(WORKSPACE, Optional.empty(), Optional.empty(),
                Optional.empty(), 1, 2));

        assertThat(second.total()).isEqualTo(5);
        assertThat(second.leads()).extracting(lead -> lead.id().value()).containsExactly("lead-3", "lead-2");
        assertThat(second.hasNext()).isTrue();
    }
}
