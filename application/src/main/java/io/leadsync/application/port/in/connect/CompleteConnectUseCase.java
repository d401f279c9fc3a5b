package io.leadsync.application.port.in.connect;

import io.leadsync.domain.crm.CrmConnection;

/** Finishes an OAuth connect from the CRM's callback: tokens into the vault, identity onto the connection. */
public interface CompleteConnectUseCase {
    /**
     * @throws ConnectFailedException when the callback cannot complete a connect, with the reason for the admin
     */
    CrmConnection complete(CompleteConnectCommand command);
}
