package io.leadsync.application.service.administer;

import io.leadsync.application.port.in.connect.ConnectionHealthUseCase;
import io.leadsync.application.port.in.connect.GetConnectionBudgetUseCase;
import io.leadsync.application.port.in.administer.OverviewUseCase;
import io.leadsync.application.port.out.OverviewStatistics;
import io.leadsync.application.testing.InMemoryCrmConnectionRepository;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmIdentity;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.DefaultMappings;
import io.leadsync.domain.crm.SyncSettings;
import io.leadsync.domain.health.ConnectionHealth;
import io.leadsync.domain.health.QueueTally;
import io.leadsync.domain.overview.OverviewRange;
import io.leadsync.domain.overview.Series;
import io.leadsync.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;

class OverviewServiceTest {
    private static final Instant NOW = Instant.parse("2026-12-04T09:41:00Z");
    private static final ConnectionId SALESFORCE = new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000a1"));
    private static final ConnectionId HUBSPOT = new ConnectionId(UUID.fromString("00000000-0000-0000-0000-0000000000a2"));

    private final InMemoryCrmConnectionRepository connections = new InMemoryCrmConnectionRepository();
    private final List<OverviewStatistics.Count> counts = new ArrayList<>();
    private final List<OverviewStatistics.Sample> samples = new ArrayList<>();
    private final List<OverviewStatistics.DailyCalls> days = new ArrayList<>();
    private final OverviewStatistics statistics = new OverviewStatistics() {
        @Override
        public List<Count> counts(WorkspaceId workspaceId, Instant from, ChronoUnit unit) {
            return counts;
        }

        @Override
        public void recordSample(Sample sample) {
            samples.add(sample);
        }

        @Override
        public List<Sample> samples(WorkspaceId workspaceId, Instant from) {
            return samples;
        }

        @Override
        public List<DailyCalls> dailyCalls(WorkspaceId workspaceId, LocalDate from) {
            return days;
        }

        @Override
        public int forgetSamplesBefore(Instant before) {
            return 0;
        }
    };
    private final ConnectionHealthUseCase health = new ConnectionHealthUseCase() {
        @Override
        public Map<ConnectionId, Report> health(WorkspaceId workspaceId) {
            return Map.of();
        }

        @Override
        public List<Located> everywhere() {
            return List.of(new Located(WORKSPACE, SALESFORCE, CrmKind.SALESFORCE, new Report(
                    new ConnectionHealth(io.leadsync.domain.health.HealthState.HEALTHY, "", 0, 4, Optional.empty(),
                            Optional.empty()), new QueueTally(4, 2, 0, 0, Optional.of(NOW.minusSeconds(300))))));
        }
    };
    private final GetConnectionBudgetUseCase budgets = (workspace, connection) ->
            new GetConnectionBudgetUseCase.ConnectionBudget(connection, LocalDate.of(2026, 12, 4), 42, 15_000);
    private final OverviewService service = new OverviewService(statistics, connections, health, budgets,
            Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void the_day_charts_counts_per_connection_in_their_hour_and_a_connected_crm_shows_even_without_any() {
        connected(SALESFORCE, CrmKind.SALESFORCE, "Acme Corp");
        connected(HUBSPOT, CrmKind.HUBSPOT, "acme-hubspot.hubspot.com");
        counts.add(new OverviewStatistics.Count(OverviewStatistics.Measure.CAPTURED, Optional.empty(),
                Instant.parse("2026-12-04T09:00:00Z"), 3));
        counts.add(new OverviewStatistics.Count(OverviewStatistics.Measure.DELIVERED, Optional.of(SALESFORCE.value()),
                Instant.parse("2026-12-04T09:00:00Z"), 3));
        counts.add(new OverviewStatistics.Count(OverviewStatistics.Measure.FAILED, Optional.of(SALESFORCE.value()),
                Instant.parse("2026-12-03T10:00:00Z"), 1));
        // Yesterday at this hour is outside the last 24 hours.
        counts.add(new OverviewStatistics.Count(OverviewStatistics.Measure.DELIVERED, Optional.of(SALESFORCE.value()),
                Instant.parse("2026-12-03T09:00:00Z"), 50));

        OverviewUseCase.Overview overview = service.overview(WORKSPACE, OverviewRange.DAY);

        assertThat(overview.captured().values()[23]).isEqualTo(3);
        assertThat(overview.delivered()).extracting(Series::name)
                .containsExactly("Salesforce · Acme Corp", "HubSpot · acme-hubspot.hubspot.com");
        assertThat(overview.delivered().get(0).values()[23]).isEqualTo(3);
        assertThat(overview.delivered().get(0).total()).isEqualTo(3);
        assertThat(overview.failed().get(0).values()[0]).isEqualTo(1);
        assertThat(overview.delivered().get(1).total()).isZero();
    }

    @Test
    void a_sample_notes_the_oldest_waiting_lead_and_the_calls_used_and_the_charts_keep_each_hours_highest() {
        connected(SALESFORCE, CrmKind.SALESFORCE, "Acme Corp");

        assertThat(service.sample()).isEqualTo(1);

        assertThat(samples).singleElement().satisfies(sample -> {
            assertThat(sample.oldestWaitSeconds()).isEqualTo(300);
            assertThat(sample.waiting()).isEqualTo(4);
            assertThat(sample.callsUsedToday()).isEqualTo(42);
        });
        samples.add(new OverviewStatistics.Sample(WORKSPACE, SALESFORCE, Instant.parse("2026-12-04T09:00:00Z"), 61, 1,
                40, 15_000));
        OverviewUseCase.Overview overview = service.overview(WORKSPACE, OverviewRange.DAY);
        assertThat(overview.lagMinutes().get(0).values()[23]).isEqualTo(5);
        assertThat(overview.callsUsed().get(0).values()[23]).isEqualTo(42);
    }

    @Test
    void the_month_takes_each_days_calls_from_the_budgets() {
        connected(SALESFORCE, CrmKind.SALESFORCE, "Acme Corp");
        days.add(new OverviewStatistics.DailyCalls(SALESFORCE, LocalDate.of(2026, 12, 1), 700, 15_000));
        days.add(new OverviewStatistics.DailyCalls(SALESFORCE, LocalDate.of(2026, 12, 4), 42, 15_000));

        OverviewUseCase.Overview overview = service.overview(WORKSPACE, OverviewRange.MONTH);

        assertThat(overview.callsUsed().get(0).values()[26]).isEqualTo(700);
        assertThat(overview.callsUsed().get(0).values()[29]).isEqualTo(42);
    }

    private void connected(ConnectionId id, CrmKind kind, String org) {
        CrmConnection connection = CrmConnection.start(id, WORKSPACE, kind, SyncSettings.defaults(),
                kind == CrmKind.SALESFORCE ? DefaultMappings.salesforce("LeadSync") : DefaultMappings.hubspot("leadsync"), NOW);
        connection.authorised(new CrmIdentity("admin@acme.example", org, "org-" + id.value(), Optional.empty()), NOW);
        connections.insert(connection);
    }
}
