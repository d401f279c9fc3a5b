package io.leadsync.application.port.out.contract;

import io.leadsync.application.port.out.SuppressionRepository;
import io.leadsync.application.testing.InMemorySuppressionRepository;

class InMemorySuppressionRepositoryContractTest extends SuppressionRepositoryContract {
    @Override
    protected StoragePorts emptyStorage() {
        return StoragePorts.inMemory();
    }

    @Override
    protected SuppressionRepository suppressions(StoragePorts storage) {
        return new InMemorySuppressionRepository();
    }
}
