package io.leadsync.application.service.administer;

import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.testing.DirectTransactions;
import io.leadsync.application.testing.InMemoryAuditLog;
import io.leadsync.application.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

import static io.leadsync.domain.lead.LeadFixtures.T0;
import static io.leadsync.domain.lead.LeadFixtures.WORKSPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AuditServiceTest {
    @Test
    void entries_past_the_retention_are_forgotten_and_the_rest_stay() {
        InMemoryAuditLog audit = new InMemoryAuditLog();
        MutableClock clock = new MutableClock(T0.plus(Duration.ofDays(100)));
        audit.record(new AuditEntry(UUID.randomUUID(), WORKSPACE, T0, "sync", "sync.push", Optional.empty(),
                Optional.empty(), "old"));
        audit.record(new AuditEntry(UUID.randomUUID(), WORKSPACE, T0.plus(Duration.ofDays(50)), "sync", "sync.push",
                Optional.empty(), Optional.empty(), "recent"));
        AuditService service = new AuditService(audit, new DirectTransactions(), clock);

        assertThat(service.forgetOlderThan(Duration.ofDays(90))).isEqualTo(1);
        assertThat(audit.recent(WORKSPACE, 10)).extracting(AuditEntry::detail).containsExactly("recent");
        assertThatThrownBy(() -> service.forgetOlderThan(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }
}
