package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.contract.PullScheduleContract;
import io.leadsync.application.port.out.contract.StoragePorts;

/** The storage contract on a real PostgreSQL. */
class PostgresPullScheduleIT extends PullScheduleContract {
    @Override
    protected StoragePorts emptyStorage() {
        return PostgresStorage.empty();
    }
}
