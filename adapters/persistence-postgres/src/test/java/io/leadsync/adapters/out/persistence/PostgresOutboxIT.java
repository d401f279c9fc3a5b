package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.contract.OutboxContract;
import io.leadsync.application.port.out.contract.StoragePorts;

/** The storage contract on a real PostgreSQL. */
class PostgresOutboxIT extends OutboxContract {
    @Override
    protected StoragePorts emptyStorage() {
        return PostgresStorage.empty();
    }
}
