package io.leadsync.application.port.in.capture;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmKind;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/** An agent action as performed, and where it stands at each target now. */
public record ActionReport(UUID trackingId, String action, String leadId, long leadVersion, String rule,
                           Instant performedAt, List<TargetOutcome> targets) {
    public enum Status {
        /** Waiting in the delivery queue (or still in the outbox); {@code reason}: the last failure, if retrying. */
        QUEUED,
        /** In the CRM: the lead is linked to {@code crmRecordId}. */
        DELIVERED,
        /** Not sent, for the {@code reason} given (suppressed, no work email, nothing changed, ...). */
        SKIPPED,
        /** The CRM refused it for good, or every attempt failed; {@code reason} is the CRM's. */
        FAILED
    }

    public record TargetOutcome(ConnectionId connectionId, CrmKind kind, Status status, Optional<String> reason,
                                Optional<String> crmRecordId) {
        public TargetOutcome {
            Objects.requireNonNull(connectionId, "connectionId");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(crmRecordId, "crmRecordId");
        }
    }

    public ActionReport {
        Objects.requireNonNull(trackingId, "trackingId");
        targets = List.copyOf(targets);
    }
}
