package io.leadsync.application.port.in.configure;

import io.leadsync.domain.crm.ConflictPolicy;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.SyncDirection;
import io.leadsync.domain.crm.SyncFrequency;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Objects;
import java.util.Optional;

/** Change some of a connection's sync settings; an empty member keeps the current value (merge-patch). */
public record ChangeSettingsCommand(WorkspaceId workspaceId, ConnectionId connectionId, String actor,
                                    Optional<SyncFrequency> frequency, Optional<SyncDirection> direction,
                                    Optional<ConflictPolicy> conflictPolicy, Optional<Boolean> createRecordsInCrm,
                                    Optional<Boolean> createLeadsFromCrm,
                                    Optional<io.leadsync.domain.crm.TargetObject> targetObject,
                                    Optional<Boolean> createAccountsInCrm) {
    public ChangeSettingsCommand(WorkspaceId workspaceId, ConnectionId connectionId, String actor,
                                 Optional<SyncFrequency> frequency, Optional<SyncDirection> direction,
                                 Optional<ConflictPolicy> conflictPolicy, Optional<Boolean> createRecordsInCrm,
                                 Optional<Boolean> createLeadsFromCrm) {
        this(workspaceId, connectionId, actor, frequency, direction, conflictPolicy, createRecordsInCrm,
                createLeadsFromCrm, Optional.empty(), Optional.empty());
    }

    public ChangeSettingsCommand {
        Objects.requireNonNull(targetObject, "targetObject");
        Objects.requireNonNull(createAccountsInCrm, "createAccountsInCrm");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(frequency, "frequency");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(conflictPolicy, "conflictPolicy");
        Objects.requireNonNull(createRecordsInCrm, "createRecordsInCrm");
        Objects.requireNonNull(createLeadsFromCrm, "createLeadsFromCrm");
    }
}
