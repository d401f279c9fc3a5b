package io.leadsync.application.port.out.contract;

/** The contract run against the in-memory fakes the service tests use. */
class InMemoryPullScheduleContractTest extends PullScheduleContract {
    @Override
    protected StoragePorts emptyStorage() {
        return StoragePorts.inMemory();
    }
}
