package io.leadsync.application.port.in.connect;

import io.leadsync.application.port.in.configure.MappingInput;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An admin creates a push-only connection: a webhook ({@code url}, {@code bodyFormat}, {@code bearerToken},
 * {@code headers}, {@code signingSecret}) or Salesforce Web-to-Lead ({@code orgId}, {@code leadSource}, and where the
 * org's form posts: {@code loginHost} PRODUCTION, SANDBOX or MY_DOMAIN with {@code myDomainUrl}), as the admin typed
 * them; the service checks them. {@code mappings} empty: the kind's default mapping.
 */
public record CreateEndpointConnectionCommand(WorkspaceId workspaceId, CrmKind kind, String actor,
                                              Optional<String> url, Optional<String> bodyFormat,
                                              Optional<String> bearerToken, Map<String, String> headers,
                                              Optional<String> signingSecret, Optional<String> orgId,
                                              Optional<String> leadSource, Optional<List<MappingInput>> mappings,
                                              Optional<String> frequency, Optional<String> loginHost,
                                              Optional<String> myDomainUrl) {
    public CreateEndpointConnectionCommand {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(loginHost, "loginHost");
        Objects.requireNonNull(myDomainUrl, "myDomainUrl");
        headers = Map.copyOf(headers);
    }

    /** No host named: a Web-to-Lead form of a production org. */
    public CreateEndpointConnectionCommand(WorkspaceId workspaceId, CrmKind kind, String actor, Optional<String> url,
                                           Optional<String> bodyFormat, Optional<String> bearerToken,
                                           Map<String, String> headers, Optional<String> signingSecret,
                                           Optional<String> orgId, Optional<String> leadSource,
                                           Optional<List<MappingInput>> mappings, Optional<String> frequency) {
        this(workspaceId, kind, actor, url, bodyFormat, bearerToken, headers, signingSecret, orgId, leadSource,
                mappings, frequency, Optional.empty(), Optional.empty());
    }

    @Override
    public String toString() {
        return "CreateEndpointConnectionCommand[" + kind + ", " + url.orElse("") + ", secrets ***]";
    }
}
