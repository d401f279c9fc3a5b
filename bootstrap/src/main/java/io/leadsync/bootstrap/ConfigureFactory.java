package io.leadsync.bootstrap;

import io.leadsync.application.port.in.configure.ChangeSalesforceOptionsUseCase;
import io.leadsync.application.port.in.configure.ChangeSettingsUseCase;
import io.leadsync.application.port.in.configure.ReplaceMappingsUseCase;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.DeliveryQueue;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.PullSchedule;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.application.service.configure.ChangeSalesforceOptionsService;
import io.leadsync.application.service.configure.ChangeSettingsService;
import io.leadsync.application.service.configure.ReplaceMappingsService;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;
import java.time.Clock;

/** A connection's settings and mapping, and a workspace's defaults (port.in.configure). */
@Factory
final class ConfigureFactory {

    @Singleton
    ChangeSettingsUseCase changeSettings(CrmConnectionRepository connections, DeliveryQueue deliveries, AuditLog audit,
                                         TransactionBoundary transactions, IdGenerator ids, Clock clock,
                                         PullSchedule pulls,
                                         io.leadsync.application.port.in.configure.ListTargetObjectsUseCase targets) {
        return new ChangeSettingsService(connections, deliveries, audit, transactions, ids, clock)
                .withPullSchedule(pulls).withTargetObjects(targets);
    }

    @Singleton
    ChangeSalesforceOptionsUseCase changeSalesforceOptions(CrmConnectionRepository connections, AuditLog audit,
                                                           TransactionBoundary transactions, IdGenerator ids,
                                                           Clock clock) {
        return new ChangeSalesforceOptionsService(connections, audit, transactions, ids, clock);
    }

    @Singleton
    ReplaceMappingsUseCase replaceMappings(CrmConnectionRepository connections, AuditLog audit,
                                           TransactionBoundary transactions, IdGenerator ids, Clock clock) {
        return new ReplaceMappingsService(connections, audit, transactions, ids, clock);
    }

    @Singleton
    io.leadsync.application.port.in.configure.ChangeWorkspaceDefaultsUseCase changeWorkspaceDefaults(
            WorkspaceRepository workspaces, io.leadsync.application.port.out.UserRepository users, AuditLog audit,
            TransactionBoundary transactions, IdGenerator ids, Clock clock) {
        return new io.leadsync.application.service.configure.ChangeWorkspaceDefaultsService(workspaces, users, audit,
                transactions, ids, clock);
    }
}
