package io.leadsync.application.port.in;

import io.leadsync.domain.crm.ConnectionId;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a sync run did: how many leads it created and updated in the CRM, which it skipped and which the CRM refused
 * (each with the reason), how many CRM calls it took, and the org's API use the CRM reported after the last one.
 */
public record SyncReport(ConnectionId connectionId, int created, int updated, List<Problem> skipped,
                         List<Problem> failed, int crmCalls, Optional<Long> apiUsed, Optional<Long> apiLimit) {
    /** One lead that did not reach the CRM, and why. */
    public record Problem(String leadId, String reason) {
        public Problem {
            Objects.requireNonNull(leadId, "leadId");
            Objects.requireNonNull(reason, "reason");
        }
    }

    public SyncReport {
        Objects.requireNonNull(connectionId, "connectionId");
        skipped = List.copyOf(skipped);
        failed = List.copyOf(failed);
        Objects.requireNonNull(apiUsed, "apiUsed");
        Objects.requireNonNull(apiLimit, "apiLimit");
    }
}
