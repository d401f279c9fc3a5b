package io.leadsync.application.port.in.connect;

import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * An admin starts connecting a CRM of this kind to the workspace.
 *
 * @param loginHost   Salesforce only: {@code PRODUCTION}, {@code SANDBOX} or {@code MY_DOMAIN} as the admin chose it;
 *                    empty keeps the connection's current choice (a new connection: production)
 * @param myDomainUrl with {@code MY_DOMAIN}: the org's My Domain URL as typed
 * @param session     the admin UI session that starts it; empty through the admin API with a key, and then its
 *                    callback needs a confirmation (ADR 0045)
 */
public record StartConnectCommand(WorkspaceId workspaceId, CrmKind kind, String actor, Optional<String> loginHost,
                                  Optional<String> myDomainUrl, Optional<UUID> session) {
    public StartConnectCommand {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(loginHost, "loginHost");
        Objects.requireNonNull(myDomainUrl, "myDomainUrl");
        Objects.requireNonNull(session, "session");
    }

    public StartConnectCommand(WorkspaceId workspaceId, CrmKind kind, String actor, Optional<String> loginHost,
                               Optional<String> myDomainUrl) {
        this(workspaceId, kind, actor, loginHost, myDomainUrl, Optional.empty());
    }

    public StartConnectCommand(WorkspaceId workspaceId, CrmKind kind, String actor) {
        this(workspaceId, kind, actor, Optional.empty(), Optional.empty());
    }

    /** The same connect, bound to the admin UI session that starts it. */
    public StartConnectCommand inSession(Optional<UUID> sessionId) {
        return new StartConnectCommand(workspaceId, kind, actor, loginHost, myDomainUrl, sessionId);
    }
}
