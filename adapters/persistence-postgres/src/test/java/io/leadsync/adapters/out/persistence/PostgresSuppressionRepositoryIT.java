package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.SuppressionRepository;
import io.leadsync.application.port.out.contract.StoragePorts;
import io.leadsync.application.port.out.contract.SuppressionRepositoryContract;

/** The suppression contract on a real PostgreSQL. */
class PostgresSuppressionRepositoryIT extends SuppressionRepositoryContract {
    @Override
    protected StoragePorts emptyStorage() {
        return PostgresStorage.empty();
    }

    @Override
    protected SuppressionRepository suppressions(StoragePorts storage) {
        return PostgresStorage.context().getBean(SuppressionRepository.class);
    }
}
