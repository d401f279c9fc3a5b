package io.leadsync.application.port.in.delivery;

import io.leadsync.domain.crm.ConnectionId;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a sync run did: how many leads it created and updated in the CRM, which it skipped and which the CRM refused
 * for good (each with the reason), which still wait in the connection's queue for the background push (a rate limit,
 * a CRM that is down, a spent budget: each with the reason and delivered later without another click), how many CRM
 * calls it took, and the org's API use the CRM reported after the last one.
 */
public record SyncReport(ConnectionId connectionId, int created, int updated, List<Problem> skipped,
                         List<Problem> failed, int crmCalls, Optional<Long> apiUsed, Optional<Long> apiLimit,
                         List<Problem> waiting) {
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
        waiting = List.copyOf(waiting);
    }

    /** A report with nothing waiting. */
    public SyncReport(ConnectionId connectionId, int created, int updated, List<Problem> skipped, List<Problem> failed,
                      int crmCalls, Optional<Long> apiUsed, Optional<Long> apiLimit) {
        this(connectionId, created, updated, skipped, failed, crmCalls, apiUsed, apiLimit, List.of());
    }
}
