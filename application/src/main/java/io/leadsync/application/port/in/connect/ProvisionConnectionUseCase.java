package io.leadsync.application.port.in.connect;

import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.application.port.in.delivery.ConnectionNotSyncingException;
import io.leadsync.domain.crm.Readiness;

/**
 * Provisions a connection's CRM side and moves it to CONNECTED when the readiness check passes, or to NEEDS_SETUP
 * with the first problem as its reason.
 */
public interface ProvisionConnectionUseCase {
    /**
     * @throws ConnectionNotFoundException   when the workspace has no such connection
     * @throws ConnectionNotSyncingException when the connection has no authorisation to provision with
     */
    Readiness provision(ProvisionConnectionCommand command);
}
