package io.leadsync.application.port.out;

import java.util.function.Supplier;

/**
 * Runs work in one database transaction: everything it writes commits together or not at all. Never wrap a CRM call
 * in it.
 */
public interface TransactionBoundary {
    <T> T inTransaction(Supplier<T> work);
}
