package io.leadsync.application.port.in.configure;

import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Objects;
import java.util.Optional;

/**
 * Changes what only a Salesforce connection has beside its sync settings: whether provisioning adds LeadSync's fields
 * to the object's page layouts, and whether new leads go through the org's assignment rules. (The login host is chosen when connecting.)
 */
public interface ChangeSalesforceOptionsUseCase {
    /**
     * @return the connection as changed
     * @throws ConnectionNotFoundException when the workspace has no such connection
     * @throws InvalidSettingsException    when the connection is not a Salesforce one
     */
    CrmConnection changeSalesforceOptions(ChangeSalesforceOptionsCommand command);

    /** An empty member keeps the current value (merge-patch). */
    record ChangeSalesforceOptionsCommand(WorkspaceId workspaceId, ConnectionId connectionId, String actor,
                                          Optional<Boolean> addFieldsToPageLayouts,
                                          Optional<Boolean> assignNewLeadsByRules) {
        public ChangeSalesforceOptionsCommand {
            Objects.requireNonNull(workspaceId, "workspaceId");
            Objects.requireNonNull(connectionId, "connectionId");
            Objects.requireNonNull(actor, "actor");
            Objects.requireNonNull(addFieldsToPageLayouts, "addFieldsToPageLayouts");
            Objects.requireNonNull(assignNewLeadsByRules, "assignNewLeadsByRules");
        }

        public ChangeSalesforceOptionsCommand(WorkspaceId workspaceId, ConnectionId connectionId, String actor,
                                              Optional<Boolean> addFieldsToPageLayouts) {
            this(workspaceId, connectionId, actor, addFieldsToPageLayouts, Optional.empty());
        }
    }
}
