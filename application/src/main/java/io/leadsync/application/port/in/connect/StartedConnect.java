package io.leadsync.application.port.in.connect;

import io.leadsync.domain.crm.ConnectionId;

import java.net.URI;
import java.util.Objects;

/** The connection being connected, and the CRM page to send the admin's browser to. */
public record StartedConnect(ConnectionId connectionId, URI authorizeUrl) {
    public StartedConnect {
        Objects.requireNonNull(connectionId, "connectionId");
        Objects.requireNonNull(authorizeUrl, "authorizeUrl");
    }
}
