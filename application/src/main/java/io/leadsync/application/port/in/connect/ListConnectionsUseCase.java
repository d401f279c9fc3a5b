package io.leadsync.application.port.in.connect;

import io.leadsync.domain.crm.CrmConnection;

import java.util.List;

/** The workspace's CRM connections with their state, who connected them and to which org, oldest first. */
public interface ListConnectionsUseCase {
    List<CrmConnection> list(ListConnectionsQuery query);
}
