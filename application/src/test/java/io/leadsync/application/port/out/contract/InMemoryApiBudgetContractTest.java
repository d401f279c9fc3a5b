package io.leadsync.application.port.out.contract;

import io.leadsync.application.port.out.ApiBudget;
import io.leadsync.application.testing.InMemoryApiBudget;

/** The contract run against the in-memory fake the service tests use. */
class InMemoryApiBudgetContractTest extends ApiBudgetContract {
    @Override
    protected ApiBudget emptyBudget() {
        return new InMemoryApiBudget();
    }
}
