package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.contract.LeadRepositoryContract;
import io.leadsync.application.port.out.contract.StoragePorts;

/** The storage contract on a real PostgreSQL. */
class PostgresLeadRepositoryIT extends LeadRepositoryContract {
    @Override
    protected StoragePorts emptyStorage() {
        return PostgresStorage.empty();
    }
}
