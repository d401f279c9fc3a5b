package io.leadsync.application.service.administer;

import io.leadsync.application.port.out.TokenVault;
import io.leadsync.application.testing.DirectTransactions;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmTokens;
import io.leadsync.domain.workspace.WorkspaceId;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ReencryptSecretsServiceTest {
    /**
     * A vault with {@code stale} tokens under an old key, re-encrypting as many as asked each time. Re-encryption
     * calls nothing else: every other method throws, so a call to one fails the test.
     */
    private static final class StaleVault implements TokenVault {
        private int stale;
        private int calls;

        StaleVault(int stale) {
            this.stale = stale;
        }

        @Override
        public int reencryptStale(int limit) {
            calls++;
            int done = Math.min(limit, stale);
            stale -= done;
            return done;
        }

        @Override
        public void store(WorkspaceId workspaceId, ConnectionId connectionId, CrmTokens tokens) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean replace(WorkspaceId workspaceId, ConnectionId connectionId, CrmTokens tokens) {
            throw new UnsupportedOperationException("re-encryption never replaces tokens");
        }

        @Override
        public Optional<CrmTokens> find(WorkspaceId workspaceId, ConnectionId connectionId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean claimRefresh(WorkspaceId workspaceId, ConnectionId connectionId, Instant now, Instant until) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void releaseRefresh(WorkspaceId workspaceId, ConnectionId connectionId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void delete(WorkspaceId workspaceId, ConnectionId connectionId) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void every_stale_token_is_re_encrypted_in_batches_and_then_it_stops() {
        StaleVault vault = new StaleVault(250);

        int done = new ReencryptSecretsService(vault, new DirectTransactions()).reencryptAll();

        assertThat(done).isEqualTo(250);
        assertThat(vault.stale).isZero();
        assertThat(vault.calls).isEqualTo(3);
    }

    @Test
    void with_nothing_stale_it_asks_once() {
        StaleVault vault = new StaleVault(0);

        assertThat(new ReencryptSecretsService(vault, new DirectTransactions()).reencryptAll()).isZero();
        assertThat(vault.calls).isEqualTo(1);
    }
}
