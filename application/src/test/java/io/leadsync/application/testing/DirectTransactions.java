package io.leadsync.application.testing;

import io.leadsync.application.port.out.TransactionBoundary;

import java.util.function.Supplier;

/** Runs work directly; the in-memory fakes have no transactions to roll back. Counts transactions for tests. */
public final class DirectTransactions implements TransactionBoundary {
    private int started;

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        started++;
        return work.get();
    }

    public int started() {
        return started;
    }
}
