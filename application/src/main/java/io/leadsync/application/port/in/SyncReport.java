package io.leadsync.application.port.in;

import io.leadsync.domain.crm.ConnectionId;

import java.util.List;
import java.util.Objects;

/**
 * What a sync run did: how many leads it created and updated in the CRM, which it skipped and which the CRM refused
 * (each with the reason), and how many CRM calls it took.
 */
public record SyncReport(ConnectionId connectionId, int created, int updated, List<Problem> skipped,
                         List<Problem> failed, int crmCalls) {
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
    }
}
