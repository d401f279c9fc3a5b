package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.IdempotencyStore;
import io.leadsync.application.port.out.contract.IdempotencyStoreContract;

/** The idempotency contract on a real PostgreSQL. */
class PostgresIdempotencyStoreIT extends IdempotencyStoreContract {
    @Override
    protected IdempotencyStore emptyStore() {
        PostgresStorage.empty().withFixtureWorkspaces();
        return PostgresStorage.context().getBean(IdempotencyStore.class);
    }
}
