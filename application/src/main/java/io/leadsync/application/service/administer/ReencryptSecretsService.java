package io.leadsync.application.service.administer;

import io.leadsync.application.port.in.administer.ReencryptSecretsUseCase;
import io.leadsync.application.port.out.EndpointSettingsStore;
import io.leadsync.application.port.out.TokenVault;
import io.leadsync.application.port.out.TransactionBoundary;

import java.util.Optional;

/** Re-encrypts stale connection tokens in batches, each its own short transaction, so no lock is held for long. */
public final class ReencryptSecretsService implements ReencryptSecretsUseCase {
    static final int BATCH = 100;

    private final TokenVault vault;
    private final TransactionBoundary transactions;
    private final Optional<EndpointSettingsStore> endpoints;

    public ReencryptSecretsService(TokenVault vault, TransactionBoundary transactions) {
        this.vault = vault;
        this.transactions = transactions;
        this.endpoints = Optional.empty();
    }

    /** Also the secrets of webhook connections. */
    public ReencryptSecretsService(TokenVault vault,
                                   EndpointSettingsStore endpoints,
                                   TransactionBoundary transactions) {
        this.vault = vault;
        this.transactions = transactions;
        this.endpoints = Optional.of(endpoints);
    }

    @Override
    public int reencryptAll() {
        int total = 0;
        while (true) {
            int done = transactions.inTransaction(() -> vault.reencryptStale(BATCH)
                    + endpoints.map(store -> store.reencryptStale(BATCH)).orElse(0));
            total += done;
            // Fewer than a batch: nothing stale is left, or what is left changed meanwhile and is current already.
            if (done < BATCH) {
                return total;
            }
        }
    }
}
