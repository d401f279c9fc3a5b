package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.ApiBudget;
import io.leadsync.application.port.out.contract.ApiBudgetContract;

/** The budget contract on a real PostgreSQL; every test uses connections of its own, so nothing is emptied. */
class PostgresApiBudgetIT extends ApiBudgetContract {
    @Override
    protected ApiBudget emptyBudget() {
        return PostgresStorage.context().getBean(ApiBudget.class);
    }
}
