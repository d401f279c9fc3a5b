package io.leadsync.application.service.crmcall;

import io.leadsync.application.port.out.ReauthorizationRequiredException;
import io.leadsync.application.testing.DirectTransactions;
import io.leadsync.application.testing.FakeCrmAuthorization;
import io.leadsync.application.testing.InMemoryTokenVault;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.CrmTokens;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TokenRefresherTest {
    private static final ConnectionId CONNECTION = new ConnectionId(UUID.randomUUID());
    private static final CrmTokens REFUSED = new CrmTokens("old", Optional.of("refresh"), Optional.empty(), T0);

    private final InMemoryTokenVault vault = new InMemoryTokenVault();
    private final FakeCrmAuthorization crm = new FakeCrmAuthorization(CrmKind.SALESFORCE);
    private final TokenRefresher refresher = new TokenRefresher(vault, new DirectTransactions(), Clock.systemUTC());

    @Test
    void a_refused_token_is_refreshed_once_and_stored() {
        vault.store(WORKSPACE, CONNECTION, REFUSED);

        CrmTokens fresh = refresher.replace(WORKSPACE, CONNECTION, REFUSED, crm);

        assertThat(fresh.accessToken()).isEqualTo("old-refreshed");
        assertThat(vault.find(WORKSPACE, CONNECTION)).contains(fresh);
        assertThat(crm.refreshes()).isEqualTo(1);
    }

    @Test
    void a_connection_disconnected_while_its_refresh_was_at_the_crm_gets_no_tokens_back() {
        vault.store(WORKSPACE, CONNECTION, REFUSED);
        crm.duringRefresh(() -> vault.delete(WORKSPACE, CONNECTION));

        assertThatThrownBy(() -> refresher.replace(WORKSPACE, CONNECTION, REFUSED, crm))
                .isInstanceOf(ReauthorizationRequiredException.class).hasMessageContaining("disconnected");

        assertThat(vault.find(WORKSPACE, CONNECTION)).isEmpty();
        assertThat(crm.revoked()).extracting(CrmTokens::accessToken).containsExactly("old-refreshed");
    }

    @Test
    void tokens_another_node_already_refreshed_are_used_without_refreshing_again() {
        CrmTokens newer = new CrmTokens("newer", Optional.of("refresh"), Optional.empty(), T0.plusSeconds(5));
        vault.store(WORKSPACE, CONNECTION, newer);

        assertThat(refresher.replace(WORKSPACE, CONNECTION, REFUSED, crm)).isEqualTo(newer);
        assertThat(crm.refreshes()).isZero();
    }

    @Test
    void while_another_node_refreshes_this_one_waits_for_its_tokens() throws Exception {
        vault.store(WORKSPACE, CONNECTION, REFUSED);
        assertThat(vault.claimRefresh(WORKSPACE, CONNECTION, T0, T0.plusSeconds(3600 * 24 * 365 * 10L))).isTrue();
        CrmTokens theirs = new CrmTokens("theirs", Optional.of("refresh"), Optional.empty(), T0.plusSeconds(1));
        Thread otherNode = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            vault.store(WORKSPACE, CONNECTION, theirs);
        });
        otherNode.start();

        CrmTokens got = refresher.replace(WORKSPACE, CONNECTION, REFUSED, crm);

        otherNode.join();
        assertThat(got).isEqualTo(theirs);
        assertThat(crm.refreshes()).isZero();
    }
}
