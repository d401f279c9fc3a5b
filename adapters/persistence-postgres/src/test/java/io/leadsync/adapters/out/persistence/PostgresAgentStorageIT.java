package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.ActionLog;
import io.leadsync.application.port.out.AgentRoutingRepository;
import io.leadsync.application.port.out.DuplicateRules;
import io.leadsync.application.port.out.IdempotencyStore;
import io.leadsync.application.port.out.SuppressionRepository;
import io.leadsync.application.port.out.contract.StoragePorts;
import io.leadsync.domain.crm.AgentAction;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.DefaultMappings;
import io.leadsync.domain.crm.RoutingRules;
import io.leadsync.domain.crm.Suppressions;
import io.leadsync.domain.crm.SyncSettings;
import io.leadsync.domain.lead.DuplicateRule;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.Workspace;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.OTHER_WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.aLead;
import static org.assertj.core.api.Assertions.assertThat;

/** The agent-workflow tables on a real PostgreSQL: routing, tracking, idempotency keys, duplicates, suppression. */
class PostgresAgentStorageIT {
    private StoragePorts storage;
    private final ConnectionId salesforce = new ConnectionId(UUID.randomUUID());

    @BeforeEach
    void setUp() {
        storage = PostgresStorage.empty();
        storage.workspaces().insert(new Workspace(WORKSPACE, "Acme", "Acme SDR", T0));
        storage.workspaces().insert(new Workspace(OTHER_WORKSPACE, "Globex", "Globex SDR", T0));
        storage.connections().insert(CrmConnection.start(salesforce, WORKSPACE, CrmKind.SALESFORCE,
                SyncSettings.defaults(), DefaultMappings.forKind(CrmKind.SALESFORCE, "LeadSync"), T0));
    }

    @Test
    void routing_rules_come_back_as_set_and_only_in_their_workspace() {
        AgentRoutingRepository routing = PostgresStorage.context().getBean(AgentRoutingRepository.class);
        RoutingRules rules = new RoutingRules(Map.of(AgentAction.UPSERT_LEAD, List.of(salesforce)),
                Map.of("agent-7", List.of(salesforce)), List.of(salesforce));

        routing.replace(WORKSPACE, rules);

        assertThat(routing.find(WORKSPACE)).isEqualTo(rules);
        assertThat(routing.find(OTHER_WORKSPACE)).isEqualTo(RoutingRules.NONE);
        routing.replace(WORKSPACE, RoutingRules.NONE);
        assertThat(routing.find(WORKSPACE)).isEqualTo(RoutingRules.NONE);
    }

    @Test
    void a_tracked_action_is_found_in_its_workspace_only_and_forgotten_after_its_retention() {
        ActionLog actions = PostgresStorage.context().getBean(ActionLog.class);
        UUID tracking = UUID.randomUUID();
        ActionLog.TrackedAction action = new ActionLog.TrackedAction(tracking, WORKSPACE, AgentAction.CHANGE_STATUS,
                new LeadId("ada"), 3, true, "REQUEST", List.of(new ActionLog.Target(salesforce, CrmKind.SALESFORCE)),
                T0);

        actions.record(action);

        assertThat(actions.find(WORKSPACE, tracking)).hasValue(action);
        assertThat(actions.find(OTHER_WORKSPACE, tracking)).isEmpty();
        assertThat(actions.deleteBefore(T0.plusSeconds(1))).isEqualTo(1);
        assertThat(actions.find(WORKSPACE, tracking)).isEmpty();
    }

    @Test
    void an_idempotency_key_is_held_once_answered_and_taken_over_only_when_stale() {
        IdempotencyStore keys = PostgresStorage.context().getBean(IdempotencyStore.class);
        IdempotencyStore.StoredResponse created = new IdempotencyStore.StoredResponse(201, "{\"a\":1}",
                Optional.of("/api/v1/leads/a"));

        assertThat(keys.claim(WORKSPACE, "k", "hash-1", T0, T0.minusSeconds(120))).isEmpty();
        assertThat(keys.claim(WORKSPACE, "k", "hash-1", T0, T0.minusSeconds(120))).hasValueSatisfying(claimed ->
                assertThat(claimed.response()).isEmpty());
        assertThat(keys.claim(OTHER_WORKSPACE, "k", "hash-1", T0, T0.minusSeconds(120))).isEmpty();
        // Three minutes later nobody has answered: the holder died, and the next caller takes the key over.
        assertThat(keys.claim(WORKSPACE, "k", "hash-1", T0.plusSeconds(180), T0.plusSeconds(60))).isEmpty();
        keys.complete(WORKSPACE, "k", created);
        assertThat(keys.claim(WORKSPACE, "k", "hash-2", T0.plusSeconds(900), T0.plusSeconds(780)))
                .hasValueSatisfying(claimed -> {
                    assertThat(claimed.requestHash()).isEqualTo("hash-1");
                    assertThat(claimed.response()).hasValue(created);
                });
        keys.release(WORKSPACE, "k");
        assertThat(keys.claim(WORKSPACE, "k", "hash-1", T0, T0)).hasValueSatisfying(claimed ->
                assertThat(claimed.response()).hasValue(created));
        assertThat(keys.deleteClaimedBefore(T0.plusSeconds(200))).isEqualTo(2);
    }

    @Test
    void a_duplicate_is_another_lead_of_the_workspace_created_since_the_window_with_an_equal_value_in_any_case() {
        DuplicateRules duplicates = PostgresStorage.context().getBean(DuplicateRules.class);
        storage.leads().insert(aLead().withId("ada").withEmail("Ada@Analytical.example").createdAt(T0).build());
        storage.leads().insert(aLead().withId("ada").withEmail("ada@analytical.example").createdAt(T0)
                .inWorkspace(OTHER_WORKSPACE).build());
        Map<LeadField, String> keys = Map.of(LeadField.WORK_EMAIL, "ada@analytical.example");

        assertThat(duplicates.findDuplicate(WORKSPACE, new LeadId("ada-2"), keys, T0.minusSeconds(1)))
                .hasValue(new LeadId("ada"));
        assertThat(duplicates.findDuplicate(WORKSPACE, new LeadId("ada"), keys, T0.minusSeconds(1))).isEmpty();
        assertThat(duplicates.findDuplicate(WORKSPACE, new LeadId("ada-2"), keys, T0.plusSeconds(1))).isEmpty();
        assertThat(duplicates.find(WORKSPACE)).isEqualTo(DuplicateRule.OFF);
        DuplicateRule rule = new DuplicateRule(true, List.of(LeadField.LINKEDIN_URL), Duration.ofDays(3));
        duplicates.replace(WORKSPACE, rule);
        assertThat(duplicates.find(WORKSPACE)).isEqualTo(rule);
    }

    @Test
    void a_suppression_list_is_replaced_whole_per_connection() {
        SuppressionRepository suppressions = PostgresStorage.context().getBean(SuppressionRepository.class);
        Suppressions list = new Suppressions(Set.of("ceo@client.example"), Set.of("competitor.example"));

        suppressions.replace(WORKSPACE, salesforce, list);
        assertThat(suppressions.find(WORKSPACE, salesforce)).isEqualTo(list);
        assertThat(suppressions.find(OTHER_WORKSPACE, salesforce)).isEqualTo(Suppressions.NONE);
        suppressions.replace(WORKSPACE, salesforce, new Suppressions(Set.of(), Set.of("rival.example")));
        assertThat(suppressions.find(WORKSPACE, salesforce).domains()).containsExactly("rival.example");
        assertThat(suppressions.find(WORKSPACE, salesforce).emails()).isEmpty();
    }
}
