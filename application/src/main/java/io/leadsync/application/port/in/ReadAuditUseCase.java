package io.leadsync.application.port.in;

import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.port.out.AuditQuery;

import java.util.List;

/** What happened in a workspace, as the admin filters it: runs, record operations, failures, settings changes. */
public interface ReadAuditUseCase {
    List<AuditEntry> read(AuditQuery query);
}
