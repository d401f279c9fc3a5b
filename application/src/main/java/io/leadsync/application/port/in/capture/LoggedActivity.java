package io.leadsync.application.port.in.capture;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.lead.Activity;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An activity and, per target CRM, what became of it: {@code PENDING} (queued), {@code DELIVERED} with the CRM's
 * record id, {@code FAILED} or {@code SKIPPED} with the reason.
 */
public record LoggedActivity(Activity activity, List<TargetOutcome> targets) {
    public LoggedActivity {
        Objects.requireNonNull(activity, "activity");
        targets = List.copyOf(targets);
    }

    public record TargetOutcome(ConnectionId connectionId, CrmKind kind, String state, Optional<String> crmRecordId,
                                Optional<String> reason) {
        public TargetOutcome {
            Objects.requireNonNull(connectionId, "connectionId");
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(crmRecordId, "crmRecordId");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
