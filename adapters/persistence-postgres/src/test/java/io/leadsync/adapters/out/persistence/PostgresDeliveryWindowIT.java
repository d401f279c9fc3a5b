package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.DeliveryWindow;
import io.leadsync.application.port.out.EndpointSettingsStore;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.application.port.out.contract.StoragePorts;
import io.leadsync.domain.crm.BodyFormat;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.EndpointSettings;
import io.leadsync.domain.crm.SyncSettings;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.Workspace;
import io.leadsync.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The Web-to-Lead window and the endpoint settings on a real PostgreSQL. */
class PostgresDeliveryWindowIT {
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final Duration DAY = Duration.ofHours(24);
    private static final WorkspaceId WORKSPACE = new WorkspaceId(UUID.randomUUID());
    private static final ConnectionId FORM = new ConnectionId(UUID.randomUUID());

    private StoragePorts storage;
    private DeliveryWindow window;
    private TransactionBoundary transactions;

    @BeforeEach
    void setUp() {
        storage = PostgresStorage.empty();
        storage.workspaces().insert(new Workspace(WORKSPACE, "Acme", "Acme SDR", NOW));
        storage.connections().insert(CrmConnection.start(FORM, WORKSPACE, CrmKind.SALESFORCE_WEB_TO_LEAD,
                SyncSettings.defaults(), List.of(), NOW));
        window = PostgresStorage.context().getBean(DeliveryWindow.class);
        transactions = storage.transactions();
    }

    private Optional<Instant> take(int lead, Instant at) {
        return transactions.inTransaction(() -> window.take(WORKSPACE, FORM, new LeadId("lead-" + lead), at, 3, DAY));
    }

    @Test
    void past_the_limit_the_next_slot_is_when_the_oldest_send_leaves_the_rolling_window() {
        assertThat(take(1, NOW)).isEmpty();
        assertThat(take(2, NOW.plusSeconds(60))).isEmpty();
        assertThat(take(3, NOW.plusSeconds(120))).isEmpty();

        assertThat(take(4, NOW.plusSeconds(180))).contains(NOW.plus(DAY));
        assertThat(window.used(WORKSPACE, FORM, NOW.plusSeconds(180), DAY)).isEqualTo(3);
        // A day after the first send one slot is free again, and only one.
        assertThat(take(4, NOW.plus(DAY).plusSeconds(1))).isEmpty();
        assertThat(take(5, NOW.plus(DAY).plusSeconds(2))).contains(NOW.plus(DAY).plusSeconds(60));
    }

    @Test
    void nodes_taking_slots_at_once_never_take_more_than_the_limit_between_them() throws Exception {
        ExecutorService nodes = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> attempts = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int lead = i;
                attempts.add(() -> transactions.inTransaction(() -> window.take(WORKSPACE, FORM,
                        new LeadId("lead-" + lead), NOW, 25, DAY)).isEmpty());
            }
            int taken = 0;
            for (Future<Boolean> attempt : nodes.invokeAll(attempts)) {
                taken += attempt.get() ? 1 : 0;
            }
            assertThat(taken).isEqualTo(25);
            assertThat(window.used(WORKSPACE, FORM, NOW, DAY)).isEqualTo(25);
        } finally {
            nodes.shutdown();
        }
    }

    @Test
    void webhook_secrets_are_stored_encrypted_and_read_back_whole() {
        EndpointSettingsStore store = PostgresStorage.context().getBean(EndpointSettingsStore.class);
        EndpointSettings.Webhook webhook = new EndpointSettings.Webhook(
                URI.create("https://hooks.acme.example:8443/catch/secret-path?code=secret-query"),
                BodyFormat.FORM, Optional.of("bearer-secret"), Map.of("X-Api-Key", "header-secret"),
                "signing-secret-of-24-chars!");
        store.save(WORKSPACE, FORM, webhook);

        assertThat(store.find(WORKSPACE, FORM)).contains(webhook);
        assertThat(PostgresStorage.texts("endpoint_settings", "secrets")).singleElement().asString()
                .doesNotContain("bearer-secret", "header-secret", "signing-secret", "secret-path", "secret-query");
        assertThat(PostgresStorage.texts("endpoint_settings", "url")).containsExactly("https://hooks.acme.example:8443");
        assertThat(store.find(new WorkspaceId(UUID.randomUUID()), FORM)).isEmpty();
    }

    @Test
    void a_web_to_lead_form_comes_back_with_the_host_it_posts_to() {
        EndpointSettingsStore store = PostgresStorage.context().getBean(EndpointSettingsStore.class);
        for (io.leadsync.domain.crm.LoginHost host : List.of(io.leadsync.domain.crm.LoginHost.production(),
                io.leadsync.domain.crm.LoginHost.sandbox(),
                io.leadsync.domain.crm.LoginHost.myDomain("https://acme--uat.sandbox.my.salesforce.com", Set.of()))) {
            EndpointSettings.WebToLead form = new EndpointSettings.WebToLead("00DDn000000Acme", Optional.of("AI SDR"),
                    host);
            store.save(WORKSPACE, FORM, form);

            assertThat(store.find(WORKSPACE, FORM)).contains(form);
        }
    }
}
