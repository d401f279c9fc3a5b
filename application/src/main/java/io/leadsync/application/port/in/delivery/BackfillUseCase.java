package io.leadsync.application.port.in.delivery;

import io.leadsync.application.port.in.ConnectionNotFoundException;

/** Queues every lead of the workspace for delivery to one connection, due now; the background push sends them. */
public interface BackfillUseCase {
    /**
     * @return how many leads were queued
     * @throws ConnectionNotFoundException   when the workspace has no such connection
     * @throws ConnectionNotSyncingException when the connection is disconnected or does not push
     */
    int backfill(BackfillCommand command);
}
