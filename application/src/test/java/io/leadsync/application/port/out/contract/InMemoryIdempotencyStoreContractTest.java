package io.leadsync.application.port.out.contract;

import io.leadsync.application.port.out.IdempotencyStore;
import io.leadsync.application.testing.InMemoryIdempotencyStore;

class InMemoryIdempotencyStoreContractTest extends IdempotencyStoreContract {
    @Override
    protected IdempotencyStore emptyStore() {
        return new InMemoryIdempotencyStore();
    }
}
