package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.contract.WorkspaceStorageContract;
import io.leadsync.application.port.out.contract.StoragePorts;

/** The storage contract on a real PostgreSQL. */
class PostgresWorkspaceStorageIT extends WorkspaceStorageContract {
    @Override
    protected StoragePorts emptyStorage() {
        return PostgresStorage.empty();
    }
}
