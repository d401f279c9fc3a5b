package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.TransactionBoundary;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.util.function.Supplier;

/** One PostgreSQL transaction around the work; the repositories' statements all run on its connection. */
@Singleton
final class PostgresTransactionBoundary implements TransactionBoundary {
    private final TransactionOperations<Connection> transactions;

    PostgresTransactionBoundary(TransactionOperations<Connection> transactions) {
        this.transactions = transactions;
    }

    @Override
    public <T> T inTransaction(Supplier<T> work) {
        return transactions.executeWrite(status -> work.get());
    }
}
