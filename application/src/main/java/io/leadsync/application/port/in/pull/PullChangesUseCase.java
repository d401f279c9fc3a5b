package io.leadsync.application.port.in.pull;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.workspace.WorkspaceId;

/**
 * Pulls what reps changed in the CRMs: every due connection reads its changes since its watermark, merges them field
 * by field into the leads under its conflict rule, and the leads' changes travel on to the other connections.
 */
public interface PullChangesUseCase {
    /** One round over the connections whose pull is due; answers how many CRM records were read. */
    int pullDue(String node);

    /** Pulls one connection now, due or not (an admin's "pull now"). */
    PullReport pullNow(WorkspaceId workspaceId, ConnectionId connectionId, String node);

    /** What one pull did. */
    record PullReport(ConnectionId connectionId, int read, int leadsUpdated, int leadsCreated, int unchanged,
                      int unmatched, int refused, int deleted, int crmCalls, String stoppedBecause) {
    }
}
