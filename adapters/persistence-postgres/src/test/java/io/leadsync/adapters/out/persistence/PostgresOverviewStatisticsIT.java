package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.port.out.OverviewStatistics;
import io.leadsync.application.port.out.contract.StoragePorts;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.DefaultMappings;
import io.leadsync.domain.crm.SyncSettings;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.OTHER_WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static io.leadsync.domain.lead.LeadFixtures.aLead;
import static org.assertj.core.api.Assertions.assertThat;

/** The Overview's figures as PostgreSQL buckets them (UTC hours and days), one workspace at a time. */
class PostgresOverviewStatisticsIT {
    private static final ConnectionId CRM = new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000e1"));
    private StoragePorts storage;
    private OverviewStatistics statistics;

    @BeforeEach
    void setUp() {
        storage = PostgresStorage.empty().withFixtureWorkspaces();
        statistics = PostgresStorage.context().getBean(OverviewStatistics.class);
        storage.connections().insert(CrmConnection.start(CRM, WORKSPACE, CrmKind.SALESFORCE, SyncSettings.defaults(),
                DefaultMappings.salesforce("LeadSync"), T0));
    }

    @Test
    void captured_delivered_and_failed_leads_are_counted_per_hour_and_connection_in_their_workspace_only() {
        storage.leads().insert(aLead().withId("a").createdAt(T0.plusSeconds(60)).build());
        storage.leads().insert(aLead().withId("b").createdAt(T0.plusSeconds(3_500)).build());
        storage.leads().insert(aLead().withId("c").createdAt(T0.plusSeconds(3_700)).build());
        storage.leads().insert(aLead().withId("a").inWorkspace(OTHER_WORKSPACE).createdAt(T0).build());
        audit("lead.pushed", "a", T0.plusSeconds(120));
        audit("lead.pushed", "a", T0.plusSeconds(900)); // sent again by "sync now": still one lead delivered
        audit("lead.pushed", "b", T0.plusSeconds(3_600));
        audit("lead.push-retry", "c", T0.plusSeconds(3_800));
        audit("lead.push-retry", "c", T0.plusSeconds(3_830));
        audit("connection.verified", null, T0.plusSeconds(100));

        var counts = statistics.counts(WORKSPACE, T0, ChronoUnit.HOURS);

        assertThat(counts).extracting(c -> c.measure() + " " + c.connectionId().map(UUID::toString).orElse("-")
                + " " + c.at() + " " + c.count()).containsExactlyInAnyOrder(
                "CAPTURED - 2026-01-05T09:00:00Z 2", "CAPTURED - 2026-01-05T10:00:00Z 1",
                "DELIVERED " + CRM.value() + " 2026-01-05T09:00:00Z 1",
                "DELIVERED " + CRM.value() + " 2026-01-05T10:00:00Z 1",
                "FAILED " + CRM.value() + " 2026-01-05T10:00:00Z 1");
        assertThat(statistics.counts(WORKSPACE, T0, ChronoUnit.DAYS)).filteredOn(c -> c.measure()
                == OverviewStatistics.Measure.CAPTURED).singleElement().satisfies(c -> {
                    assertThat(c.at()).isEqualTo(Instant.parse("2026-01-05T00:00:00Z"));
                    assertThat(c.count()).isEqualTo(3);
                });
    }

    @Test
    void samples_keep_each_hours_highest_level_and_old_ones_are_forgotten() {
        statistics.recordSample(new OverviewStatistics.Sample(WORKSPACE, CRM, T0.plusSeconds(60), 30, 2, 10, 1000));
        statistics.recordSample(new OverviewStatistics.Sample(WORKSPACE, CRM, T0.plusSeconds(120), 90, 1, 12, 1000));
        statistics.recordSample(new OverviewStatistics.Sample(WORKSPACE, CRM, T0.plusSeconds(180), 10, 0, 11, 1000));
        statistics.recordSample(new OverviewStatistics.Sample(WORKSPACE, CRM, T0.plusSeconds(3_600), 5, 0, 14, 1000));

        assertThat(statistics.samples(WORKSPACE, T0)).extracting(s -> s.at() + " " + s.oldestWaitSeconds() + " "
                + s.waiting() + " " + s.callsUsedToday()).containsExactly("2026-01-05T09:00:00Z 90 2 12",
                "2026-01-05T10:00:00Z 5 0 14");
        assertThat(statistics.samples(OTHER_WORKSPACE, T0)).isEmpty();
        assertThat(statistics.forgetSamplesBefore(T0.plusSeconds(3_600))).isEqualTo(1);
        assertThat(statistics.samples(WORKSPACE, T0)).hasSize(1);
    }

    private void audit(String action, String lead, Instant at) {
        storage.audit().record(new AuditEntry(UUID.randomUUID(), WORKSPACE, at, "sync", action,
                Optional.ofNullable(lead), Optional.of(CRM.value()), "x"));
    }
}
