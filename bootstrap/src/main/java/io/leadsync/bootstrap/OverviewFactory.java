package io.leadsync.bootstrap;

import io.leadsync.application.port.in.connect.ConnectionHealthUseCase;
import io.leadsync.application.port.in.connect.GetConnectionBudgetUseCase;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.OverviewStatistics;
import io.leadsync.application.service.administer.OverviewService;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** The Overview page's figures and the samples behind its lag and budget charts (ADR 0066). */
@Factory
final class OverviewFactory {
    @Singleton
    OverviewService overviewService(OverviewStatistics statistics, CrmConnectionRepository connections,
                                    ConnectionHealthUseCase health, GetConnectionBudgetUseCase budgets, Clock clock) {
        return new OverviewService(statistics, connections, health, budgets, clock);
    }
    // The service is the bean of both of its use cases (OverviewUseCase, RecordOverviewSamplesUseCase): a factory
    // method per interface would make each resolve to two beans (WiringIT).
}
