package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.in.pull.PullChangesUseCase.PullReport;
import io.leadsync.application.port.out.contract.StoragePorts;
import io.leadsync.application.service.pull.PullChangesService;
import io.leadsync.application.testing.FakeCrmAuthorization;
import io.leadsync.application.testing.FakeCrmChangeReader;
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
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.aLead;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pull of a few thousand rep edits against real PostgreSQL, pages as large as Salesforce's (2,000): every edit
 * reaches its lead once, and the rate is printed for docs/SYNC-ENGINE.md (no timed assertion: the figure depends on
 * the machine). The CRM is a fake, so the figure is LeadSync's and PostgreSQL's share of a pull.
 */
class PostgresPullThroughputIT {
    private static final int EDITS = 4_000;
    private static final ConnectionId SALESFORCE = new ConnectionId(UUID.fromString(
            "00000000-0000-0000-0000-0000000000e1"));

    @Test
    void thousands_of_rep_edits_each_reach_their_lead_once() {
        StoragePorts storage = PostgresStorage.empty().withFixtureWorkspaces();
        Instant start = Instant.now().minus(Duration.ofHours(1));
        CrmConnection connection = CrmConnection.start(SALESFORCE, WORKSPACE, CrmKind.SALESFORCE, new SyncSettings(
                        SyncFrequency.HOURLY, SyncDirection.BIDIRECTIONAL, ConflictPolicy.CRM_WINS, true, false,
                        TargetObject.LEAD), DefaultMappings.forKind(CrmKind.SALESFORCE, "LeadSync"), start);
        connection.authorised(new CrmIdentity("admin@acme.example", "Acme", "org-1", Optional.empty()), start);
        connection.verified(start);
        storage.connections().insert(connection);
        storage.tokens().store(WORKSPACE, SALESFORCE, new CrmTokens("access", Optional.of("refresh"),
                Optional.empty(), start));
        FakeCrmChangeReader salesforce = new FakeCrmChangeReader(CrmKind.SALESFORCE, 2_000);
        for (int i = 0; i < EDITS; i++) {
            Lead lead = aLead().withId("lead-" + i).withEmail("p" + i + "@acme.example").createdAt(start).build();
            storage.leads().insert(lead);
            // A rep entered the person too, and sets the city: matched by e-mail, linked, the city taken.
            salesforce.edit("00Q" + i, start.plusSeconds(1), Map.of(LeadField.WORK_EMAIL, "p" + i + "@acme.example",
                    LeadField.LAST_NAME, "Lovelace", LeadField.CITY, "City " + i));
        }
        PullChangesService pull = new PullChangesService(List.of(new FakeCrmAuthorization(CrmKind.SALESFORCE)),
                List.of(salesforce), storage.pulls(), storage.connections(), storage.leads(), storage.links(),
                storage.outbox(), storage.deliveries(), storage.tokens(), storage.audit(), storage.transactions(),
                UUID::randomUUID, Clock.system(ZoneOffset.UTC));

        long began = System.nanoTime();
        PullReport report = pull.pullNow(WORKSPACE, SALESFORCE, "node-1");
        double seconds = (System.nanoTime() - began) / 1e9;

        System.out.printf("PULL THROUGHPUT: %d edits merged in %.2f s = %.0f edits/s (%s)%n", EDITS, seconds,
                EDITS / seconds, report);
        assertThat(report.read()).isEqualTo(EDITS);
        assertThat(report.leadsUpdated()).isEqualTo(EDITS);
        assertThat(report.refused()).isZero();
        assertThat(storage.leads().find(WORKSPACE, new LeadId("lead-" + (EDITS - 1))).orElseThrow()
                .value(LeadField.CITY)).contains("City " + (EDITS - 1));
        assertThat(PostgresStorage.rows("crm_links")).isEqualTo(EDITS);
        assertThat(PostgresStorage.rows("outbox")).as("one change per edit, none twice").isEqualTo(EDITS);
    }
}
