package io.leadsync.application.port.out.contract;

import io.leadsync.application.port.out.DuplicateRules;
import io.leadsync.application.testing.InMemoryDuplicateRules;
import io.leadsync.application.testing.InMemoryLeadRepository;

class InMemoryDuplicateRulesContractTest extends DuplicateRulesContract {
    @Override
    protected StoragePorts emptyStorage() {
        return StoragePorts.inMemory();
    }

    @Override
    protected DuplicateRules duplicates(StoragePorts storage) {
        return new InMemoryDuplicateRules((InMemoryLeadRepository) storage.leads());
    }
}
