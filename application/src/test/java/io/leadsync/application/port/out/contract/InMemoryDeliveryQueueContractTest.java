package io.leadsync.application.port.out.contract;

/** The contract run against the in-memory fakes the service tests use. */
class InMemoryDeliveryQueueContractTest extends DeliveryQueueContract {
    @Override
    protected StoragePorts emptyStorage() {
        return StoragePorts.inMemory();
    }
}
