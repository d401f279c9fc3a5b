package io.leadsync.adapters.out.metrics;

import io.leadsync.application.port.out.ConnectionHealthStore;
import io.leadsync.application.port.out.CrmActivityWriter;
import io.leadsync.application.port.out.CrmAuthorization;
import io.leadsync.application.port.out.CrmBulkLeadWriter;
import io.leadsync.application.port.out.CrmChangeReader;
import io.leadsync.application.port.out.CrmLeadWriter;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.health.SyncRound;
import io.leadsync.domain.health.SyncSignals;
import io.leadsync.domain.workspace.WorkspaceId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Wraps each CRM port and the health store as it is created, so every call and delivery is counted wherever the
 * core uses them (push, pull, sync now, connect). The registry is looked up lazily: these beans are created early.
 */
final class CrmMetricsListeners {
    private CrmMetricsListeners() {
    }

    @Singleton
    static final class LeadWriters implements BeanCreatedEventListener<CrmLeadWriter> {
        private final Provider<MeterRegistry> registry;

        LeadWriters(Provider<MeterRegistry> registry) {
            this.registry = registry;
        }

        @Override
        public CrmLeadWriter onCreated(BeanCreatedEvent<CrmLeadWriter> event) {
            return new MeteredCrmPorts.LeadWriter(event.getBean(), new CrmCallMeter(registry.get(), event.getBean().kind()));
        }
    }

    @Singleton
    static final class BulkWriters implements BeanCreatedEventListener<CrmBulkLeadWriter> {
        private final Provider<MeterRegistry> registry;

        BulkWriters(Provider<MeterRegistry> registry) {
            this.registry = registry;
        }

        @Override
        public CrmBulkLeadWriter onCreated(BeanCreatedEvent<CrmBulkLeadWriter> event) {
            return new MeteredCrmPorts.BulkWriter(event.getBean(), new CrmCallMeter(registry.get(), event.getBean().kind()));
        }
    }

    @Singleton
    static final class ChangeReaders implements BeanCreatedEventListener<CrmChangeReader> {
        private final Provider<MeterRegistry> registry;

        ChangeReaders(Provider<MeterRegistry> registry) {
            this.registry = registry;
        }

        @Override
        public CrmChangeReader onCreated(BeanCreatedEvent<CrmChangeReader> event) {
            return new MeteredCrmPorts.ChangeReader(event.getBean(), new CrmCallMeter(registry.get(), event.getBean().kind()));
        }
    }

    @Singleton
    static final class Authorizations implements BeanCreatedEventListener<CrmAuthorization> {
        private final Provider<MeterRegistry> registry;

        Authorizations(Provider<MeterRegistry> registry) {
            this.registry = registry;
        }

        @Override
        public CrmAuthorization onCreated(BeanCreatedEvent<CrmAuthorization> event) {
            return new MeteredCrmPorts.Authorization(event.getBean(), new CrmCallMeter(registry.get(), event.getBean().kind()));
        }
    }

    @Singleton
    static final class ActivityWriters implements BeanCreatedEventListener<CrmActivityWriter> {
        private final Provider<MeterRegistry> registry;

        ActivityWriters(Provider<MeterRegistry> registry) {
            this.registry = registry;
        }

        @Override
        public CrmActivityWriter onCreated(BeanCreatedEvent<CrmActivityWriter> event) {
            return new MeteredCrmPorts.ActivityWriter(event.getBean(), new CrmCallMeter(registry.get(), event.getBean().kind()));
        }
    }

    /** Deliveries by outcome per connection: {@code leadsync_deliveries_total{connection,outcome}}. */
    @Singleton
    static final class HealthStores implements BeanCreatedEventListener<ConnectionHealthStore> {
        private final Provider<MeterRegistry> registry;

        HealthStores(Provider<MeterRegistry> registry) {
            this.registry = registry;
        }

        @Override
        public ConnectionHealthStore onCreated(BeanCreatedEvent<ConnectionHealthStore> event) {
            ConnectionHealthStore store = event.getBean();
            MeterRegistry meters = registry.get();
            return new ConnectionHealthStore() {
                @Override
                public void record(WorkspaceId workspaceId, ConnectionId connectionId, SyncRound round) {
                    store.record(workspaceId, connectionId, round);
                    if (round.kind() == SyncRound.Kind.PUSH) {
                        count(connectionId, "written", round.written());
                        count(connectionId, "failed", round.failed());
                        count(connectionId, "retrying", round.retrying());
                    } else if (round.problem().isPresent()) {
                        Counter.builder("leadsync.pull.failures").description("Pulls the CRM stopped")
                                .tag("connection", connectionId.value().toString()).register(meters).increment();
                    }
                }

                @Override
                public Map<ConnectionId, SyncSignals> signals(WorkspaceId workspaceId) {
                    return store.signals(workspaceId);
                }

                private void count(ConnectionId connectionId, String outcome, int records) {
                    Counter counter = Counter.builder("leadsync.deliveries").description("Records pushed to a "
                            + "connection, by outcome").tag("connection", connectionId.value().toString())
                            .tag("outcome", outcome).register(meters);
                    if (records > 0) {
                        counter.increment(records);
                    }
                }
            };
        }
    }
}
