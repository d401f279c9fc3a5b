package io.leadsync.adapters.in.http.admin;

import io.leadsync.application.port.in.delivery.BackfillUseCase;
import io.leadsync.application.port.in.configure.ChangeSettingsUseCase;
import io.leadsync.application.port.in.connect.ConnectionErrorsUseCase;
import io.leadsync.application.port.in.connect.ListConnectionsUseCase;
import io.leadsync.application.port.in.configure.ReplaceMappingsUseCase;
import io.leadsync.application.service.delivery.BackfillService;
import io.leadsync.application.service.configure.ChangeSettingsService;
import io.leadsync.application.service.connect.ConnectionErrorsService;
import io.leadsync.application.service.connect.ListConnectionsService;
import io.leadsync.application.service.configure.ReplaceMappingsService;
import io.leadsync.application.testing.DirectTransactions;
import io.leadsync.application.testing.InMemoryAuditLog;
import io.leadsync.application.testing.InMemoryCrmConnectionRepository;
import io.leadsync.application.testing.InMemoryDeliveryQueue;
import io.leadsync.application.testing.InMemoryLeadRepository;
import io.leadsync.application.testing.MutableClock;
import io.leadsync.application.testing.SequentialIds;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * The connection settings use cases over in-memory ports, beside the agent tests' factory (which provides leads,
 * ids, clock and transactions): what bootstrap's CoreFactory wires in production.
 */
@Factory
class InMemoryAdminFactory {
    @Singleton
    InMemoryCrmConnectionRepository connections() {
        return new InMemoryCrmConnectionRepository();
    }

    @Singleton
    InMemoryDeliveryQueue deliveries() {
        return new InMemoryDeliveryQueue();
    }

    @Singleton
    InMemoryAuditLog audit() {
        return new InMemoryAuditLog();
    }

    @Singleton
    ListConnectionsUseCase listConnections(InMemoryCrmConnectionRepository connections) {
        return new ListConnectionsService(connections);
    }

    @Singleton
    ChangeSettingsUseCase changeSettings(InMemoryCrmConnectionRepository connections, InMemoryDeliveryQueue deliveries,
                                         InMemoryAuditLog audit, DirectTransactions transactions, SequentialIds ids,
                                         MutableClock clock) {
        return new ChangeSettingsService(connections, deliveries, audit, transactions, ids, clock);
    }

    @Singleton
    io.leadsync.application.port.in.configure.ChangeSalesforceOptionsUseCase changeSalesforceOptions(
            InMemoryCrmConnectionRepository connections, InMemoryAuditLog audit, DirectTransactions transactions,
            SequentialIds ids, MutableClock clock) {
        return new io.leadsync.application.service.configure.ChangeSalesforceOptionsService(connections, audit, transactions,
                ids, clock);
    }

    @Singleton
    ReplaceMappingsUseCase replaceMappings(InMemoryCrmConnectionRepository connections, InMemoryAuditLog audit,
                                           DirectTransactions transactions, SequentialIds ids, MutableClock clock) {
        return new ReplaceMappingsService(connections, audit, transactions, ids, clock);
    }

    @Singleton
    BackfillUseCase backfill(InMemoryCrmConnectionRepository connections, InMemoryLeadRepository leads,
                             InMemoryDeliveryQueue deliveries, InMemoryAuditLog audit, DirectTransactions transactions,
                             SequentialIds ids, MutableClock clock) {
        return new BackfillService(connections, leads, deliveries, audit, transactions, ids, clock);
    }

    @Singleton
    ConnectionErrorsUseCase connectionErrors(InMemoryCrmConnectionRepository connections,
                                             InMemoryDeliveryQueue deliveries, InMemoryAuditLog audit,
                                             DirectTransactions transactions, SequentialIds ids, MutableClock clock) {
        return new ConnectionErrorsService(connections, deliveries, audit, transactions, ids, clock);
    }
}
