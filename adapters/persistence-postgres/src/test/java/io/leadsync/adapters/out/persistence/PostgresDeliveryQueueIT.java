package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.contract.DeliveryQueueContract;
import io.leadsync.application.port.out.contract.StoragePorts;

/** The storage contract on a real PostgreSQL. */
class PostgresDeliveryQueueIT extends DeliveryQueueContract {
    @Override
    protected StoragePorts emptyStorage() {
        return PostgresStorage.empty();
    }
}
