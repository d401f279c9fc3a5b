package io.leadsync.adapters.in.http.admin;

import io.leadsync.adapters.in.http.agent.JsonBodies;
import io.leadsync.adapters.in.http.problem.BadRequestException;
import io.leadsync.adapters.in.http.problem.ProblemError;
import io.leadsync.adapters.in.http.problem.ProblemType;
import io.leadsync.application.port.in.connect.ConnectionHealthUseCase;
import io.leadsync.application.port.in.connect.CreateEndpointConnectionUseCase;
import io.leadsync.application.port.in.delivery.GetEndpointStatusUseCase;
import io.leadsync.application.port.in.configure.InvalidSettingsException;
import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.application.port.in.connect.DisconnectCommand;
import io.leadsync.application.port.in.connect.DisconnectUseCase;
import io.leadsync.application.port.in.connect.ListConnectionsQuery;
import io.leadsync.application.port.in.connect.ListConnectionsUseCase;
import io.leadsync.application.port.in.connect.GetConnectionBudgetUseCase;
import io.leadsync.application.port.in.connect.ProvisionConnectionCommand;
import io.leadsync.application.port.in.pull.PullChangesUseCase;
import io.leadsync.application.port.in.connect.ProvisionConnectionUseCase;
import io.leadsync.application.port.in.connect.StartConnectCommand;
import io.leadsync.application.port.in.connect.StartConnectUseCase;
import io.leadsync.application.port.in.connect.StartedConnect;
import io.leadsync.application.port.in.delivery.SyncNowCommand;
import io.leadsync.application.port.in.delivery.SyncNowUseCase;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmKind;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.UUID;

/**
 * The admin API for a workspace's CRM connections, authorised by the workspace's API key (ADR 0013) or by an admin UI
 * session with a role that allows the call (ADR 0024, {@link AdminSessionGuard}).
 */
@Controller("/api/admin/v1/connections")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ConnectionController {
    private final StartConnectUseCase start;
    private final ListConnectionsUseCase list;
    private final SyncNowUseCase syncNow;
    private final DisconnectUseCase disconnect;
    private final ProvisionConnectionUseCase provisioning;
    private final PullChangesUseCase pull;
    private final GetConnectionBudgetUseCase budgets;
    private final JsonMapper json;
    private final CreateEndpointConnectionUseCase endpoints;
    private final GetEndpointStatusUseCase endpointStatus;
    private final ConnectionHealthUseCase health;

    ConnectionController(StartConnectUseCase start, ListConnectionsUseCase list, SyncNowUseCase syncNow,
                         DisconnectUseCase disconnect, ProvisionConnectionUseCase provisioning,
                         PullChangesUseCase pull, GetConnectionBudgetUseCase budgets, JsonMapper json,
                         CreateEndpointConnectionUseCase endpoints, GetEndpointStatusUseCase endpointStatus,
                         ConnectionHealthUseCase health) {
        this.health = health;
        this.endpoints = endpoints;
        this.endpointStatus = endpointStatus;
        this.pull = pull;
        this.budgets = budgets;
        this.provisioning = provisioning;
        this.start = start;
        this.list = list;
        this.syncNow = syncNow;
        this.disconnect = disconnect;
        this.json = json;
    }

    /**
     * Starts a connect: {@code {"kind":"SALESFORCE"}}, for Salesforce optionally with {@code "loginHost"}
     * ({@code PRODUCTION}, {@code SANDBOX}, {@code MY_DOMAIN}) and {@code "myDomainUrl"}; answers with the URL to send
     * the admin's browser to.
     */
    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    HttpResponse<JsonNode> connect(@Nullable @Body String body, Authentication authentication) {
        AdminCaller caller = AdminCaller.of(authentication);
        JsonNode request = JsonBodies.readObject(json, body);
        CrmKind kind = kind(request);
        if (kind == CrmKind.WEBHOOK || kind == CrmKind.SALESFORCE_WEB_TO_LEAD) {
            return createEndpoint(request, kind, caller);
        }
        StartedConnect started;
        try {
            started = start.start(new StartConnectCommand(caller.workspaceId(), kind, caller.actor(),
                    optionalText(request, "loginHost"), optionalText(request, "myDomainUrl"))
                    .inSession(AdminCaller.sessionOf(authentication)));
        } catch (InvalidSettingsException e) {
            throw EndpointConnectionRequest.invalid(e);
        }
        return HttpResponse.created(JsonNode.createObjectNode(Map.of(
                        "connectionId", JsonNode.createStringNode(started.connectionId().value().toString()),
                        "authorizeUrl", JsonNode.createStringNode(started.authorizeUrl().toString()))),
                URI.create("/api/admin/v1/connections/" + started.connectionId().value()));
    }

    /**
     * A webhook or Web-to-Lead connection: nothing to authorise, so it is CONNECTED at once. A webhook's signing
     * secret is answered this once.
     */
    private HttpResponse<JsonNode> createEndpoint(JsonNode request, CrmKind kind, AdminCaller caller) {
        CreateEndpointConnectionUseCase.Created created;
        try {
            created = endpoints.create(EndpointConnectionRequest.parse(request, kind, caller));
        } catch (InvalidSettingsException e) {
            throw EndpointConnectionRequest.invalid(e);
        }
        JsonNode connection = ConnectionJson.toJson(created.connection());
        Map<String, JsonNode> members = new java.util.LinkedHashMap<>();
        members.put("connectionId", JsonNode.createStringNode(created.connection().id().value().toString()));
        connection.entries().forEach(member -> members.putIfAbsent(member.getKey(), member.getValue()));
        created.signingSecret().ifPresent(secret -> members.put("signingSecret", JsonNode.createStringNode(secret)));
        return HttpResponse.created(JsonNode.createObjectNode(members),
                URI.create("/api/admin/v1/connections/" + created.connection().id().value()));
    }

    @Get
    HttpResponse<JsonNode> connections(Authentication authentication) {
        AdminCaller caller = AdminCaller.of(authentication);
        Map<ConnectionId, ConnectionHealthUseCase.Report> reports = health.health(caller.workspaceId());
        return HttpResponse.ok(JsonNode.createObjectNode(Map.of("connections", JsonNode.createArrayNode(
                list.list(new ListConnectionsQuery(caller.workspaceId())).stream()
                        .map(connection -> reports.containsKey(connection.id())
                                ? ConnectionJson.withHealth(ConnectionJson.toJson(connection),
                                reports.get(connection.id())) : ConnectionJson.toJson(connection))
                        .toList()))));
    }

    @Get("/{connectionId}")
    HttpResponse<JsonNode> connection(@PathVariable String connectionId, Authentication authentication) {
        AdminCaller caller = AdminCaller.of(authentication);
        ConnectionId id = connectionId(connectionId);
        JsonNode found = ConnectionJson.toJson(list.list(new ListConnectionsQuery(caller.workspaceId())).stream()
                .filter(connection -> connection.id().equals(id)).findFirst()
                .orElseThrow(() -> new ConnectionNotFoundException(connectionId)),
                budgets.budget(caller.workspaceId(), id));
        JsonNode withWindow = endpointStatus.status(caller.workspaceId(), id)
                .map(status -> ConnectionJson.withWindow(found, status)).orElse(found);
        ConnectionHealthUseCase.Report report = health.health(caller.workspaceId()).get(id);
        return HttpResponse.ok(report == null ? withWindow : ConnectionJson.withHealth(withWindow, report));
    }

    /** Writes every lead of the workspace to this connection now and reports what happened. */
    @Post("/{connectionId}/sync")
    HttpResponse<JsonNode> sync(@PathVariable String connectionId, Authentication authentication) {
        AdminCaller caller = AdminCaller.of(authentication);
        return HttpResponse.ok(ConnectionJson.toJson(syncNow.syncNow(
                new SyncNowCommand(caller.workspaceId(), connectionId(connectionId), caller.actor()))));
    }

    /** Creates the connection's fields in the CRM again and checks them: the readiness, problem by problem. */
    /** Pulls the CRM's changes now instead of at the next cycle: what was read, merged, created, refused. */
    @Post("/{connectionId}/pull")
    HttpResponse<JsonNode> pull(@PathVariable String connectionId, Authentication authentication) {
        AdminCaller caller = AdminCaller.of(authentication);
        PullChangesUseCase.PullReport report = pull.pullNow(caller.workspaceId(), connectionId(connectionId),
                "admin:" + caller.actor());
        Map<String, JsonNode> members = new java.util.LinkedHashMap<>();
        members.put("connectionId", JsonNode.createStringNode(report.connectionId().value().toString()));
        members.put("read", JsonNode.createNumberNode(report.read()));
        members.put("leadsUpdated", JsonNode.createNumberNode(report.leadsUpdated()));
        members.put("leadsCreated", JsonNode.createNumberNode(report.leadsCreated()));
        members.put("unchanged", JsonNode.createNumberNode(report.unchanged()));
        members.put("unmatched", JsonNode.createNumberNode(report.unmatched()));
        members.put("refused", JsonNode.createNumberNode(report.refused()));
        members.put("deletedInCrm", JsonNode.createNumberNode(report.deleted()));
        members.put("crmCalls", JsonNode.createNumberNode(report.crmCalls()));
        members.put("stoppedBecause", report.stoppedBecause() == null ? JsonNode.nullNode()
                : JsonNode.createStringNode(report.stoppedBecause()));
        return HttpResponse.ok(JsonNode.createObjectNode(members));
    }

    @Post("/{connectionId}/provision")
    HttpResponse<JsonNode> provision(@PathVariable String connectionId, Authentication authentication) {
        AdminCaller caller = AdminCaller.of(authentication);
        return HttpResponse.ok(ConnectionJson.toJson(provisioning.provision(
                new ProvisionConnectionCommand(caller.workspaceId(), connectionId(connectionId), caller.actor()))));
    }

    /** Disconnects: tokens revoked and deleted, all work stops; the records stay in the CRM. */
    @Delete("/{connectionId}")
    HttpResponse<JsonNode> disconnect(@PathVariable String connectionId, Authentication authentication) {
        AdminCaller caller = AdminCaller.of(authentication);
        return HttpResponse.ok(ConnectionJson.toJson(disconnect.disconnect(
                new DisconnectCommand(caller.workspaceId(), connectionId(connectionId), caller.actor()))));
    }

    private static Optional<String> optionalText(JsonNode body, String member) {
        JsonNode value = body.get(member);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isString()) {
            throw invalid(member, "must be a string");
        }
        return Optional.of(value.getStringValue());
    }

    private static CrmKind kind(JsonNode body) {
        JsonNode kind = body.get("kind");
        String allowed = Arrays.toString(CrmKind.values());
        if (kind == null || !kind.isString()) {
            throw invalid("kind", "is required: one of " + allowed);
        }
        try {
            return CrmKind.valueOf(kind.getStringValue());
        } catch (IllegalArgumentException e) {
            throw invalid("kind", "must be one of " + allowed);
        }
    }

    private static BadRequestException invalid(String field, String detail) {
        return new BadRequestException(ProblemType.INVALID_REQUEST, "The connection request has invalid fields.",
                List.of(ProblemError.ofField(field, detail)));
    }

    /** An id that is not a UUID names no connection of this workspace: the same 404 as an unknown one. */
    private static ConnectionId connectionId(String raw) {
        try {
            return new ConnectionId(UUID.fromString(raw));
        } catch (IllegalArgumentException e) {
            throw new ConnectionNotFoundException(raw);
        }
    }
}
