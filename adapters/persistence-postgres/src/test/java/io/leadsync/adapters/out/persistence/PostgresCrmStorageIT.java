package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.contract.CrmStorageContract;
import io.leadsync.application.port.out.contract.StoragePorts;

/** The storage contract on a real PostgreSQL. */
class PostgresCrmStorageIT extends CrmStorageContract {
    @Override
    protected StoragePorts emptyStorage() {
        return PostgresStorage.empty();
    }
}
