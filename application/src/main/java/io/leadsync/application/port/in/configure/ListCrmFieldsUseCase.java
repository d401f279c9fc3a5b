package io.leadsync.application.port.in.configure;

import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.application.port.in.CrmCallFailedException;
import io.leadsync.application.port.in.delivery.ConnectionNotSyncingException;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The CRM's own fields a connection's mapping can name (Salesforce describe, HubSpot contact properties), with their
 * types and which LeadSync fields each can hold, for the mapping editor. Read at most every few minutes per
 * connection (each read is a CRM call from its budget).
 */
public interface ListCrmFieldsUseCase {
    /**
     * @throws ConnectionNotFoundException   when the workspace has no such connection
     * @throws ConnectionNotSyncingException when it is not connected (no tokens to read with)
     * @throws CrmCallFailedException        when the CRM could not be read now
     */
    List<OfferedField> fields(WorkspaceId workspaceId, ConnectionId connectionId);

    /** One CRM field: API name, label and type as the CRM shows them, writable by the connected user, what it holds. */
    record OfferedField(String name, String label, String type, boolean writable, Set<LeadField> holds) {
        public OfferedField {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(type, "type");
            holds = Set.copyOf(holds);
        }

        /** Whether a mapping of {@code field} to this CRM field would hold its values (and, to push, may write). */
        public boolean fits(LeadField field, boolean pushes) {
            return holds.contains(field) && (writable || !pushes);
        }
    }
}
