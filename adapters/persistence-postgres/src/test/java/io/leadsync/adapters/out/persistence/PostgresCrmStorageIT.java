package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.CrmLinkRepository;
import io.leadsync.application.port.out.contract.CrmStorageContract;
import io.leadsync.application.port.out.contract.StoragePorts;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.domain.crm.ConflictPolicy;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.ConnectionState;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmIdentity;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.CrmLink;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.crm.SyncDirection;
import io.leadsync.domain.crm.SyncFrequency;
import io.leadsync.domain.crm.SyncSettings;
import io.leadsync.domain.crm.TargetObject;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;

import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.aLead;
import static org.assertj.core.api.Assertions.assertThat;

/** The storage contract on a real PostgreSQL, and what only PostgreSQL keeps: the org each link was made in. */
class PostgresCrmStorageIT extends CrmStorageContract {
    @Override
    protected StoragePorts emptyStorage() {
        return PostgresStorage.empty();
    }

    /**
     * The admin's settings and the worker's "needs reauth", each in its own transaction, both waiting behind a third
     * writer of the same connection (PostgreSQL shows both waiting before it lets go): each reads the connection only
     * once it has the row, so neither writes back a copy without the other's change.
     */
    @Test
    void two_writers_of_one_connection_at_once_both_keep_their_change() throws Exception {
        StoragePorts storage = PostgresStorage.empty().withFixtureWorkspaces();
        CrmConnectionRepository connections = storage.connections();
        TransactionBoundary transactions = storage.transactions();
        ConnectionId id = new ConnectionId(UUID.randomUUID());
        CrmConnection connection = CrmConnection.start(id, WORKSPACE, CrmKind.SALESFORCE, SyncSettings.defaults(),
                List.of(FieldMapping.both(LeadField.LAST_NAME, "LastName")), T0);
        connection.authorised(new CrmIdentity("admin@acme.example", "Acme", "00DA", Optional.empty()), T0);
        connection.verified(T0);
        connections.insert(connection);
        SyncSettings hourly = new SyncSettings(SyncFrequency.HOURLY, SyncDirection.BIDIRECTIONAL,
                ConflictPolicy.APP_WINS, true, true, TargetObject.LEAD);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        long waitingBefore = PostgresStorage.waitingForLocks();

        CompletableFuture<?> first = CompletableFuture.runAsync(() -> transactions.inTransaction(() ->
                connections.update(WORKSPACE, id, current -> {
                    holding.countDown();
                    await(letGo);
                })));
        await(holding);
        CompletableFuture<?> admin = CompletableFuture.runAsync(() -> transactions.inTransaction(() ->
                connections.update(WORKSPACE, id, current -> current.changeSettings(hourly, current.mappings(),
                        T0.plusSeconds(1)))));
        CompletableFuture<?> worker = CompletableFuture.runAsync(() -> transactions.inTransaction(() ->
                connections.update(WORKSPACE, id, current -> current.needsReauth("the refresh token was revoked",
                        T0.plusSeconds(2)))));
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
        while (PostgresStorage.waitingForLocks() < waitingBefore + 2) {
            assertThat(System.nanoTime()).as("both writers waiting for the connection's row").isLessThan(deadline);
            Thread.sleep(20);
        }
        letGo.countDown();
        CompletableFuture.allOf(first, admin, worker).get(60, java.util.concurrent.TimeUnit.SECONDS);

        CrmConnection stored = connections.find(WORKSPACE, id).orElseThrow();
        assertThat(stored.settings()).isEqualTo(hourly);
        assertThat(stored.state()).isEqualTo(ConnectionState.NEEDS_REAUTH);
        assertThat(stored.stateReason()).contains("the refresh token was revoked");
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void links_made_in_one_org_are_not_read_once_the_connection_reaches_another_and_record_ids_may_repeat() {
        StoragePorts storage = PostgresStorage.empty().withFixtureWorkspaces();
        storage.leads().insert(aLead().withId("lead-a").build());
        storage.leads().insert(aLead().withId("lead-b").build());
        CrmConnectionRepository connections = storage.connections();
        CrmLinkRepository links = storage.links();
        ConnectionId id = new ConnectionId(UUID.randomUUID());
        CrmConnection connection = CrmConnection.start(id, WORKSPACE, CrmKind.SALESFORCE, SyncSettings.defaults(),
                List.of(FieldMapping.both(LeadField.LAST_NAME, "LastName")), T0);
        connection.authorised(new CrmIdentity("admin@acme.example", "Acme", "00DA", Optional.empty()), T0);
        connections.insert(connection);
        links.save(new CrmLink(WORKSPACE, id, new LeadId("lead-a"), "00Q000000000001", Map.of(), Optional.empty(), T0,
                false));

        connections.update(WORKSPACE, id, current -> current.authorised(new CrmIdentity("admin@beta.example", "Beta",
                "00DB", Optional.empty()), T0));

        assertThat(links.find(WORKSPACE, id, new LeadId("lead-a"))).isEmpty();
        assertThat(links.findByCrmRecordId(WORKSPACE, id, "00Q000000000001")).isEmpty();
        assertThat(links.forLead(WORKSPACE, new LeadId("lead-a"))).isEmpty();
        // The new org may hand out the same record id to another lead: it is another record.
        CrmLink inB = new CrmLink(WORKSPACE, id, new LeadId("lead-b"), "00Q000000000001", Map.of(), Optional.empty(),
                T0, false);
        links.save(inB);
        assertThat(links.findByCrmRecordId(WORKSPACE, id, "00Q000000000001")).contains(inB);
    }

    @Test
    void a_connection_is_read_with_the_instance_its_latest_tokens_name() {
        StoragePorts storage = PostgresStorage.empty().withFixtureWorkspaces();
        ConnectionId id = new ConnectionId(UUID.randomUUID());
        CrmConnection connection = CrmConnection.start(id, WORKSPACE, CrmKind.SALESFORCE, SyncSettings.defaults(),
                List.of(FieldMapping.both(LeadField.LAST_NAME, "LastName")), T0);
        connection.authorised(new CrmIdentity("admin@acme.example", "Acme", "00DA",
                Optional.of("https://na1.salesforce.com")), T0);
        storage.connections().insert(connection);
        assertThat(storage.connections().find(WORKSPACE, id).orElseThrow().identity().orElseThrow().instanceUrl())
                .as("no tokens yet: the instance seen at connect").contains("https://na1.salesforce.com");

        // A refresh after Salesforce moved the org answered another instance_url.
        storage.tokens().store(WORKSPACE, id, new io.leadsync.domain.crm.CrmTokens("access", Optional.of("refresh"),
                Optional.empty(), T0, Optional.of("https://na2.salesforce.com"), Optional.empty()));

        assertThat(storage.connections().find(WORKSPACE, id).orElseThrow().identity().orElseThrow().instanceUrl())
                .contains("https://na2.salesforce.com");
        assertThat(storage.connections().list(WORKSPACE)).singleElement().satisfies(listed ->
                assertThat(listed.identity().orElseThrow().instanceUrl()).contains("https://na2.salesforce.com"));
        storage.tokens().delete(WORKSPACE, id);
        assertThat(storage.connections().find(WORKSPACE, id).orElseThrow().identity().orElseThrow().instanceUrl())
                .contains("https://na1.salesforce.com");
    }
}
