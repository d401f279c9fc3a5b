package io.leadsync.application.port.out.contract;

import io.leadsync.application.port.out.ConcurrentLeadChangeException;
import io.leadsync.application.port.out.LeadAlreadyExistsException;
import io.leadsync.application.port.out.LeadCriteria;
import io.leadsync.application.port.out.LeadRepository;
import io.leadsync.application.port.out.LeadSlice;
import io.leadsync.domain.lead.AgentId;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.lead.LeadStatus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static io.leadsync.domain.lead.LeadFixtures.OTHER_WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.aLead;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What every {@link LeadRepository} must do. */
public abstract class LeadRepositoryContract {
    private LeadRepository leads;

    /** Fresh, empty storage ports of the implementation under test. */
    protected abstract StoragePorts emptyStorage();

    @BeforeEach
    void setUp() {
        leads = emptyStorage().withFixtureWorkspaces().leads();
    }

    @Test
    void a_stored_lead_comes_back_with_every_field_and_when_each_changed() {
        Lead lead = Lead.create(WORKSPACE, new LeadId("lead-full"), everyField(), T0);
        Map<LeadField, String> change = new HashMap<>();
        change.put(LeadField.CITY, null);
        change.put(LeadField.JOB_TITLE, "Chief Analyst");
        lead.update(change, T0.plus(Duration.ofMinutes(5)));
        leads.insert(lead);

        Lead stored = leads.find(WORKSPACE, lead.id()).orElseThrow();

        assertThat(stored.fields()).isEqualTo(lead.fields());
        assertThat(stored.clearedFields()).containsOnlyKeys(LeadField.CITY);
        assertThat(stored.changedAt(LeadField.JOB_TITLE)).contains(T0.plus(Duration.ofMinutes(5)));
        assertThat(stored.changedAt(LeadField.FIRST_NAME)).contains(T0);
        assertThat(stored.version()).isEqualTo(2);
        assertThat(stored.createdAt()).isEqualTo(T0);
        assertThat(stored.updatedAt()).isEqualTo(T0.plus(Duration.ofMinutes(5)));
    }

    @Test
    void a_batch_of_new_leads_is_stored_together_and_one_existing_id_stores_none_of_them() {
        leads.insertAll(java.util.List.of(aLead().withId("batch-1").build(), aLead().withId("batch-2").build()));
        assertThat(leads.find(WORKSPACE, new LeadId("batch-1"))).isPresent();
        assertThat(leads.find(WORKSPACE, new LeadId("batch-2"))).isPresent();

        assertThatThrownBy(() -> leads.insertAll(java.util.List.of(aLead().withId("batch-3").build(),
                aLead().withId("batch-1").build()))).isInstanceOf(LeadAlreadyExistsException.class);
        assertThat(leads.find(WORKSPACE, new LeadId("batch-3"))).as("all or none").isEmpty();
    }

    @Test
    void leads_read_for_a_page_of_edits_are_found_by_id_and_by_email_and_written_back_together() {
        leads.insert(aLead().withId("lead-b").withEmail("b@acme.example").createdAt(T0).build());
        leads.insert(aLead().withId("lead-a").withEmail("a@acme.example").createdAt(T0).build());
        leads.insert(aLead().withId("lead-a2").withEmail("a@acme.example").createdAt(T0.plusSeconds(5)).build());
        leads.insert(aLead().withId("lead-b").inWorkspace(OTHER_WORKSPACE).build());

        java.util.List<Lead> byId = leads.findAllForChange(WORKSPACE, java.util.List.of(new LeadId("lead-b"),
                new LeadId("lead-a"), new LeadId("missing")));
        Map<String, Lead> byEmail = leads.findForChangeByWorkEmails(WORKSPACE,
                java.util.List.of("a@acme.example", "nobody@acme.example"));

        assertThat(byId).extracting(lead -> lead.id().value()).containsExactly("lead-a", "lead-b");
        assertThat(byEmail).containsOnlyKeys("a@acme.example");
        assertThat(byEmail.get("a@acme.example").id().value()).as("the oldest").isEqualTo("lead-a");
        byId.forEach(lead -> lead.update(Map.of(LeadField.CITY, "Paris"), T0.plusSeconds(60)));
        leads.updateAll(byId);
        assertThat(leads.find(WORKSPACE, new LeadId("lead-a")).orElseThrow().value(LeadField.CITY)).contains("Paris");
        assertThat(leads.find(WORKSPACE, new LeadId("lead-b")).orElseThrow().value(LeadField.CITY)).contains("Paris");
        assertThat(leads.find(OTHER_WORKSPACE, new LeadId("lead-b")).orElseThrow().value(LeadField.CITY)).isEmpty();
    }

    @Test
    void a_batch_update_over_a_lead_changed_meanwhile_is_refused() {
        leads.insert(aLead().withId("lead-a").build());
        Lead stale = leads.find(WORKSPACE, new LeadId("lead-a")).orElseThrow();
        Lead fresh = leads.find(WORKSPACE, new LeadId("lead-a")).orElseThrow();
        fresh.update(Map.of(LeadField.CITY, "Leeds"), T0.plusSeconds(30));
        leads.update(fresh);
        stale.update(Map.of(LeadField.CITY, "Paris"), T0.plusSeconds(60));

        assertThatThrownBy(() -> leads.updateAll(java.util.List.of(stale)))
                .isInstanceOf(ConcurrentLeadChangeException.class);
        assertThat(leads.find(WORKSPACE, new LeadId("lead-a")).orElseThrow().value(LeadField.CITY)).contains("Leeds");
    }

    @Test
    void another_workspace_never_sees_the_lead() {
        leads.insert(aLead().withId("lead-1").build());

        assertThat(leads.find(OTHER_WORKSPACE, new LeadId("lead-1"))).isEmpty();
        assertThat(leads.list(OTHER_WORKSPACE_CRITERIA).leads()).isEmpty();
    }

    @Test
    void two_workspaces_may_use_the_same_lead_id() {
        leads.insert(aLead().withId("lead-1").with(LeadField.LAST_NAME, "Acme").build());
        leads.insert(aLead().withId("lead-1").inWorkspace(OTHER_WORKSPACE).with(LeadField.LAST_NAME, "Globex").build());

        assertThat(leads.find(WORKSPACE, new LeadId("lead-1")).orElseThrow().lastName()).isEqualTo("Acme");
        assertThat(leads.find(OTHER_WORKSPACE, new LeadId("lead-1")).orElseThrow().lastName()).isEqualTo("Globex");
    }

    @Test
    void a_second_lead_with_the_same_id_is_refused_and_the_first_is_kept() {
        leads.insert(aLead().withId("lead-1").with(LeadField.LAST_NAME, "First").build());

        assertThatThrownBy(() -> leads.insert(aLead().withId("lead-1").with(LeadField.LAST_NAME, "Second").build()))
                .isInstanceOf(LeadAlreadyExistsException.class);
        assertThat(leads.find(WORKSPACE, new LeadId("lead-1")).orElseThrow().lastName()).isEqualTo("First");
    }

    @Test
    void an_update_based_on_a_stale_read_is_refused_and_the_first_writer_wins() {
        leads.insert(aLead().withId("lead-1").build());
        Lead first = leads.find(WORKSPACE, new LeadId("lead-1")).orElseThrow();
        Lead second = leads.find(WORKSPACE, new LeadId("lead-1")).orElseThrow();
        first.update(Map.of(LeadField.JOB_TITLE, "CTO"), T0.plusSeconds(1));
        second.update(Map.of(LeadField.JOB_TITLE, "CEO"), T0.plusSeconds(2));

        leads.update(first);

        assertThatThrownBy(() -> leads.update(second)).isInstanceOf(ConcurrentLeadChangeException.class);
        assertThat(leads.find(WORKSPACE, new LeadId("lead-1")).orElseThrow().value(LeadField.JOB_TITLE)).contains("CTO");
    }

    @Test
    void a_lead_cannot_be_updated_through_another_workspace() {
        leads.insert(aLead().withId("lead-1").build());
        Lead intruder = aLead().withId("lead-1").inWorkspace(OTHER_WORKSPACE).build();
        intruder.update(Map.of(LeadField.LAST_NAME, "Hacked"), T0.plusSeconds(1));

        assertThatThrownBy(() -> leads.update(intruder)).isInstanceOf(ConcurrentLeadChangeException.class);
        assertThat(leads.find(WORKSPACE, new LeadId("lead-1")).orElseThrow().lastName()).isEqualTo("Lovelace");
    }

    @Test
    void search_finds_leads_by_part_of_their_id_email_name_or_company_ignoring_case_within_the_workspace() {
        leads.insert(aLead().withId("ada-1").withEmail("ada@analytical.example").with(LeadField.FIRST_NAME, "Ada")
                .with(LeadField.LAST_NAME, "Lovelace").with(LeadField.COMPANY_NAME, "Analytical Engines")
                .createdAt(T0).build());
        leads.insert(aLead().withId("grace-1").withEmail("grace@navy.example").with(LeadField.FIRST_NAME, "Grace")
                .with(LeadField.LAST_NAME, "Hopper").with(LeadField.COMPANY_NAME, "Navy").createdAt(T0.plusSeconds(1))
                .build());
        leads.insert(aLead().withId("ada-other").inWorkspace(OTHER_WORKSPACE).with(LeadField.LAST_NAME, "Lovelace")
                .build());

        assertThat(leads.search(WORKSPACE, "LOVELACE", 10)).extracting(lead -> lead.id().value()).containsExactly("ada-1");
        assertThat(leads.search(WORKSPACE, "navy.example", 10)).extracting(lead -> lead.id().value())
                .containsExactly("grace-1");
        assertThat(leads.search(WORKSPACE, "analytical eng", 10)).hasSize(1);
        assertThat(leads.search(WORKSPACE, "-1", 10)).extracting(lead -> lead.id().value())
                .containsExactly("grace-1", "ada-1");
        assertThat(leads.search(WORKSPACE, "-1", 1)).hasSize(1);
        assertThat(leads.search(WORKSPACE, "%", 10)).isEmpty();
        assertThat(leads.search(WORKSPACE, "nobody", 10)).isEmpty();
    }

    @Test
    void list_filters_by_status_agent_and_update_instant_newest_first() {
        leads.insert(aLead().withId("a").withStatus(LeadStatus.CONTACTED).withAgent("agent-1").createdAt(T0).build());
        leads.insert(aLead().withId("b").withStatus(LeadStatus.CONTACTED).withAgent("agent-2").createdAt(T0.plusSeconds(10)).build());
        leads.insert(aLead().withId("c").withStatus(LeadStatus.NEW).withAgent("agent-1").createdAt(T0.plusSeconds(20)).build());
        leads.insert(aLead().withId("other").inWorkspace(OTHER_WORKSPACE).withStatus(LeadStatus.CONTACTED).build());

        assertThat(ids(leads.list(new LeadCriteria(WORKSPACE, Optional.of(LeadStatus.CONTACTED), Optional.empty(),
                Optional.empty(), 0, 10)))).containsExactly("b", "a");
        assertThat(ids(leads.list(new LeadCriteria(WORKSPACE, Optional.empty(), Optional.of(new AgentId("agent-1")),
                Optional.empty(), 0, 10)))).containsExactly("c", "a");
        assertThat(ids(leads.list(new LeadCriteria(WORKSPACE, Optional.empty(), Optional.empty(),
                Optional.of(T0.plusSeconds(10)), 0, 10)))).containsExactly("c", "b");
    }

    @Test
    void pages_cover_every_lead_once_with_the_total() {
        Instant sameInstant = T0.plusSeconds(30);
        for (String id : new String[] {"e", "d", "c", "b", "a"}) {
            leads.insert(aLead().withId(id).createdAt(sameInstant).build());
        }

        LeadSlice first = leads.list(new LeadCriteria(WORKSPACE, Optional.empty(), Optional.empty(), Optional.empty(), 0, 2));
        LeadSlice second = leads.list(new LeadCriteria(WORKSPACE, Optional.empty(), Optional.empty(), Optional.empty(), 2, 2));
        LeadSlice third = leads.list(new LeadCriteria(WORKSPACE, Optional.empty(), Optional.empty(), Optional.empty(), 4, 2));

        assertThat(first.total()).isEqualTo(5);
        assertThat(ids(first)).containsExactly("a", "b");
        assertThat(ids(second)).containsExactly("c", "d");
        assertThat(ids(third)).containsExactly("e");
    }

    @Test
    void a_walk_in_lead_id_order_sees_every_lead_once_even_when_leads_change_during_it() {
        for (String id : new String[] {"lead-5", "lead-3", "lead-1", "lead-4", "lead-2"}) {
            leads.insert(aLead().withId(id).build());
        }
        leads.insert(aLead().withId("lead-0").inWorkspace(OTHER_WORKSPACE).build());

        java.util.List<String> seen = new java.util.ArrayList<>();
        Optional<LeadId> after = Optional.empty();
        while (true) {
            java.util.List<Lead> page = leads.listAfter(WORKSPACE, after, 2);
            if (page.isEmpty()) {
                break;
            }
            page.forEach(lead -> seen.add(lead.id().value()));
            after = Optional.of(page.get(page.size() - 1).id());
            if (seen.size() == 2) {
                // A lead not yet reached changes: by "newest change first" it would jump to page one and be missed.
                Lead changed = leads.find(WORKSPACE, new LeadId("lead-4")).orElseThrow();
                changed.update(Map.of(LeadField.JOB_TITLE, "CTO"), T0.plusSeconds(60));
                leads.update(changed);
            }
        }

        assertThat(seen).containsExactly("lead-1", "lead-2", "lead-3", "lead-4", "lead-5");
    }

    @Test
    void a_lead_is_found_by_its_work_email_in_its_own_workspace_only() {
        leads.insert(aLead().withId("first").withEmail("ada@analytical.example").createdAt(T0).build());
        leads.insert(aLead().withId("second").withEmail("ada@analytical.example").createdAt(T0.plusSeconds(5)).build());
        leads.insert(aLead().withId("other").withEmail("grace@navy.example").inWorkspace(OTHER_WORKSPACE).build());

        assertThat(leads.findForChangeByWorkEmail(WORKSPACE, "ada@analytical.example"))
                .hasValueSatisfying(lead -> assertThat(lead.id().value()).isEqualTo("first"));
        assertThat(leads.findForChangeByWorkEmail(WORKSPACE, "grace@navy.example")).isEmpty();
    }

    private static final LeadCriteria OTHER_WORKSPACE_CRITERIA =
            new LeadCriteria(OTHER_WORKSPACE, Optional.empty(), Optional.empty(), Optional.empty(), 0, 10);

    private static java.util.List<String> ids(LeadSlice slice) {
        return slice.leads().stream().map(lead -> lead.id().value()).toList();
    }

    /** A value for every field of the catalog, so a field the storage forgets shows up. */
    static Map<LeadField, String> everyField() {
        Map<LeadField, String> values = new EnumMap<>(LeadField.class);
        values.put(LeadField.LEAD_ID, "lead-full");
        values.put(LeadField.FIRST_NAME, "Ada");
        values.put(LeadField.LAST_NAME, "Lovelace");
        values.put(LeadField.WORK_EMAIL, "ada@analytical.example");
        values.put(LeadField.JOB_TITLE, "Analyst");
        values.put(LeadField.COMPANY_NAME, "Analytical Engines Ltd");
        values.put(LeadField.COMPANY_WEBSITE, "https://analytical.example");
        values.put(LeadField.INDUSTRY, "Computing");
        values.put(LeadField.CITY, "London");
        values.put(LeadField.MOBILE_PHONE, "+44 20 7946 0000");
        values.put(LeadField.LINKEDIN_URL, "https://www.linkedin.com/in/ada-lovelace");
        values.put(LeadField.OUTREACH_SCORE, "72");
        values.put(LeadField.STATUS, "ENGAGED");
        values.put(LeadField.ABOUT, "First programmer. \"Quotes\", unicode ✓ and a\nnewline.");
        values.put(LeadField.LEAD_SOURCE, "Acme SDR");
        values.put(LeadField.AGENT_ID, "agent-7");
        values.put(LeadField.AI_SCORE, "91");
        values.put(LeadField.IS_DQL, "true");
        values.put(LeadField.LAST_VISIT, "2026-01-04T17:30:00Z");
        values.put(LeadField.VISIT_COUNT, "12");
        values.put(LeadField.ENGAGEMENT_LEVEL, "HIGH");
        assertThat(values).hasSize(LeadField.values().length);
        return values;
    }
}
