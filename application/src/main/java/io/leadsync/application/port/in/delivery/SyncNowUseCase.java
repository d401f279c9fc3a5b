package io.leadsync.application.port.in.delivery;

import io.leadsync.application.port.in.ConnectionNotFoundException;

/** Writes every lead of the workspace to one connected CRM now, in the CRM's native batches. */
public interface SyncNowUseCase {
    /**
     * @throws ConnectionNotFoundException when the workspace has no such connection
     * @throws ConnectionNotSyncingException when the connection is not CONNECTED (the reason says what to do)
     */
    SyncReport syncNow(SyncNowCommand command);
}
