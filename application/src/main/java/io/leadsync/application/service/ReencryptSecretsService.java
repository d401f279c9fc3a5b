package io.leadsync.application.service;

import io.leadsync.application.port.in.ReencryptSecretsUseCase;
import io.leadsync.application.port.out.TokenVault;
import io.leadsync.application.port.out.TransactionBoundary;

/** Re-encrypts stale connection tokens in batches, each its own short transaction, so no lock is held for long. */
public final class ReencryptSecretsService implements ReencryptSecretsUseCase {
    static final int BATCH = 100;

    private final TokenVault vault;
    private final TransactionBoundary transactions;

    public ReencryptSecretsService(TokenVault vault, TransactionBoundary transactions) {
        this.vault = vault;
        this.transactions = transactions;
    }

    @Override
    public int reencryptAll() {
        int total = 0;
        while (true) {
            int done = transactions.inTransaction(() -> vault.reencryptStale(BATCH));
            total += done;
            // Fewer than a batch: nothing stale is left, or what is left changed meanwhile and is current already.
            if (done < BATCH) {
                return total;
            }
        }
    }
}
