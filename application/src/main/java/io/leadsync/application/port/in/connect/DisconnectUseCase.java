package io.leadsync.application.port.in.connect;

import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.domain.crm.CrmConnection;

/** Disconnects a CRM at once: no more calls to it, tokens revoked at the CRM and deleted here. */
public interface DisconnectUseCase {
    /**
     * @throws ConnectionNotFoundException when the workspace has no such connection
     */
    CrmConnection disconnect(DisconnectCommand command);
}
