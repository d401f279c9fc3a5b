package io.leadsync.application.port.in.configure;

import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.domain.crm.CrmConnection;

/** Changes how a connection syncs: frequency, direction, conflict policy, which side may create records. */
public interface ChangeSettingsUseCase {
    /**
     * @return the connection as changed (unchanged when the command changes nothing)
     * @throws ConnectionNotFoundException when the workspace has no such connection
     */
    CrmConnection changeSettings(ChangeSettingsCommand command);
}
