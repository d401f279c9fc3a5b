package io.leadsync.application.port.out.contract;

/** The typed-event contract run against the in-memory audit log the service tests use. */
class InMemoryAuditEventsContractTest extends AuditEventsContract {
    @Override
    protected StoragePorts emptyStorage() {
        return StoragePorts.inMemory();
    }
}
