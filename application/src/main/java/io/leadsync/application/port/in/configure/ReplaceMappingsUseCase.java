package io.leadsync.application.port.in.configure;

import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.lead.LeadField;

import java.util.List;

/**
 * Replaces a connection's field mapping after checking everything that can be checked without calling the CRM. Whether
 * the CRM fields exist, are visible and writable, and have the right type is the readiness check's job ("Provision
 * again"), which does call the CRM.
 */
public interface ReplaceMappingsUseCase {
    /**
     * The connection after the change, and the app fields whose mapping is new or different and still pushed: the
     * records in the CRM hold their old values (or none) until each lead changes again or is backfilled.
     */
    record MappingsChanged(CrmConnection connection, List<LeadField> changedFields) {
        public MappingsChanged {
            changedFields = List.copyOf(changedFields);
        }
    }

    /**
     * @throws ConnectionNotFoundException when the workspace has no such connection
     * @throws InvalidSettingsException    naming every bad row and member; nothing changed
     */
    MappingsChanged replaceMappings(ReplaceMappingsCommand command);
}
