package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.contract.AuditEventsContract;
import io.leadsync.application.port.out.contract.StoragePorts;

/** Typed sync events through the jsonb column of a real PostgreSQL. */
class PostgresAuditEventsIT extends AuditEventsContract {
    @Override
    protected StoragePorts emptyStorage() {
        return PostgresStorage.empty();
    }
}
