package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.DuplicateRules;
import io.leadsync.application.port.out.contract.DuplicateRulesContract;
import io.leadsync.application.port.out.contract.StoragePorts;

/** The duplicate-rule contract on a real PostgreSQL (its look-up locks per key inside the transaction). */
class PostgresDuplicateRulesIT extends DuplicateRulesContract {
    @Override
    protected StoragePorts emptyStorage() {
        return PostgresStorage.empty();
    }

    @Override
    protected DuplicateRules duplicates(StoragePorts storage) {
        return PostgresStorage.context().getBean(DuplicateRules.class);
    }
}
