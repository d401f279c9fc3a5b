package io.leadsync.application.port.out.contract;

import io.leadsync.application.port.out.DuplicateRules;
import io.leadsync.domain.lead.DuplicateRule;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.leadsync.domain.lead.LeadFixtures.OTHER_WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.aLead;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link DuplicateRules} must do, the fake the capture tests use and PostgreSQL's look-up alike: the rule
 * per workspace, and the oldest other lead within the window with any key equal, ignoring case.
 */
public abstract class DuplicateRulesContract {
    private StoragePorts storage;
    private DuplicateRules duplicates;

    /** Every storage port, empty. */
    protected abstract StoragePorts emptyStorage();

    /** The duplicate rules over {@code storage}'s leads. */
    protected abstract DuplicateRules duplicates(StoragePorts storage);

    @BeforeEach
    void setUp() {
        storage = emptyStorage().withFixtureWorkspaces();
        duplicates = duplicates(storage);
    }

    @Test
    void a_workspace_has_the_rule_set_for_it_and_otherwise_none() {
        DuplicateRule rule = new DuplicateRule(true, List.of(LeadField.WORK_EMAIL), Duration.ofDays(7));
        duplicates.replace(WORKSPACE, rule);

        assertThat(duplicates.find(WORKSPACE)).isEqualTo(rule);
        assertThat(duplicates.find(OTHER_WORKSPACE)).isEqualTo(DuplicateRule.OFF);
    }

    @Test
    void the_oldest_other_lead_in_the_window_with_an_equal_key_ignoring_case_is_the_duplicate() {
        storage.transactions().inTransaction(() -> {
            storage.leads().insert(aLead().withId("too-old").withEmail("ada@analytical.example")
                    .createdAt(T0.minusSeconds(3_600)).build());
            storage.leads().insert(aLead().withId("first").withEmail("Ada@Analytical.example").createdAt(T0).build());
            storage.leads().insert(aLead().withId("second").withEmail("ada@analytical.example")
                    .createdAt(T0.plusSeconds(60)).build());
            storage.leads().insert(aLead().withId("elsewhere").inWorkspace(OTHER_WORKSPACE)
                    .withEmail("ada@analytical.example").createdAt(T0.plusSeconds(1)).build());
            storage.leads().insert(aLead().withId("new").withEmail("ada@analytical.example")
                    .createdAt(T0.plusSeconds(120)).build());
            return null;
        });

        assertThat(storage.transactions().inTransaction(() -> duplicates.findDuplicate(WORKSPACE, new LeadId("new"),
                Map.of(LeadField.WORK_EMAIL, "ada@analytical.example"), T0.minusSeconds(1))))
                .contains(new LeadId("first"));
        assertThat(storage.transactions().inTransaction(() -> duplicates.findDuplicate(WORKSPACE, new LeadId("new"),
                Map.of(LeadField.WORK_EMAIL, "someone@else.example"), T0.minusSeconds(1)))).isEmpty();
        assertThat(storage.transactions().inTransaction(() -> duplicates.findDuplicate(OTHER_WORKSPACE,
                new LeadId("elsewhere"), Map.of(LeadField.WORK_EMAIL, "ada@analytical.example"),
                T0.minusSeconds(1)))).as("only the lead itself in that workspace").isEmpty();
    }

    @Test
    void a_batch_of_new_leads_finds_each_ones_oldest_duplicate_by_any_of_its_keys_in_one_look_up() {
        storage.transactions().inTransaction(() -> {
            storage.leads().insert(aLead().withId("too-old").withEmail("grace@navy.example")
                    .createdAt(T0.minusSeconds(3_600)).build());
            storage.leads().insert(aLead().withId("ada-1").withEmail("Ada@Analytical.example").createdAt(T0).build());
            storage.leads().insert(aLead().withId("ada-2").withEmail("ada@analytical.example")
                    .createdAt(T0.plusSeconds(60)).build());
            storage.leads().insert(aLead().withId("lin").withEmail("lin@acme.example").with(LeadField.CITY, "Lyon")
                    .createdAt(T0.plusSeconds(5)).build());
            storage.leads().insert(aLead().withId("elsewhere").inWorkspace(OTHER_WORKSPACE)
                    .withEmail("new@acme.example").createdAt(T0.plusSeconds(1)).build());
            return null;
        });
        Map<LeadId, Map<LeadField, String>> keys = new java.util.LinkedHashMap<>();
        keys.put(new LeadId("new-ada"), Map.of(LeadField.WORK_EMAIL, "ada@analytical.example"));
        keys.put(new LeadId("new-grace"), Map.of(LeadField.WORK_EMAIL, "grace@navy.example"));
        keys.put(new LeadId("new-lin"), Map.of(LeadField.WORK_EMAIL, "other@acme.example", LeadField.CITY, "lyon"));
        keys.put(new LeadId("new"), Map.of(LeadField.WORK_EMAIL, "new@acme.example"));

        Map<LeadId, LeadId> found = storage.transactions().inTransaction(() ->
                duplicates.findDuplicates(WORKSPACE, keys, T0.minusSeconds(1)));

        assertThat(found).containsOnly(Map.entry(new LeadId("new-ada"), new LeadId("ada-1")),
                Map.entry(new LeadId("new-lin"), new LeadId("lin")));
    }
}
