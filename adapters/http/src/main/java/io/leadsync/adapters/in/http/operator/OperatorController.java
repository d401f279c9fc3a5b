package io.leadsync.adapters.in.http.operator;

import io.leadsync.adapters.in.http.agent.JsonBodies;
import io.leadsync.adapters.in.http.problem.ProblemError;
import io.leadsync.adapters.in.http.problem.ProblemResponses;
import io.leadsync.adapters.in.http.problem.ProblemType;
import io.leadsync.adapters.in.http.web.ClientRequests;
import io.leadsync.application.port.in.administer.CreateOperatedWorkspaceCommand;
import io.leadsync.application.port.in.administer.InvalidMemberException;
import io.leadsync.application.port.in.administer.IssuedApiKey;
import io.leadsync.application.port.in.administer.OperateWorkspacesUseCase;
import io.leadsync.domain.workspace.ApiKeyScope;
import io.leadsync.domain.workspace.Workspace;
import io.leadsync.domain.workspace.WorkspaceId;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/operator/v1/workspaces}: the operator of an installation (a host product) creates a workspace per
 * customer with its first owner's invitation link and an API key, lists them and suspends them. Authenticated by
 * {@code Authorization: Bearer <leadsync.operator.token>}; without a configured token the API does not exist (404).
 */
@Controller("/api/operator/v1/workspaces")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class OperatorController {
    private static final Set<String> FIELDS = Set.of("name", "productName", "ownerEmail");

    private final OperateWorkspacesUseCase workspaces;
    private final JsonMapper json;
    private final ClientRequests clients;
    private final byte[] token;
    private final String publicUrl;

    OperatorController(OperateWorkspacesUseCase workspaces, JsonMapper json, ClientRequests clients,
                       @Value("${leadsync.operator.token:}") String token,
                       @Value("${leadsync.public-url:}") String publicUrl) {
        this.workspaces = workspaces;
        this.json = json;
        this.clients = clients;
        this.token = token.strip().getBytes(StandardCharsets.UTF_8);
        this.publicUrl = publicUrl.strip().replaceAll("/+$", "");
    }

    /** {@code {"name":"Acme","productName":"Acme SDR","ownerEmail":"ceo@acme.example"}} (productName optional). */
    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    HttpResponse<?> create(HttpRequest<?> request, @Nullable @Body String body) {
        Optional<HttpResponse<?>> refused = refuse(request);
        if (refused.isPresent()) {
            return refused.get();
        }
        JsonNode object = JsonBodies.readObject(json, body);
        for (Map.Entry<String, JsonNode> member : object.entries()) {
            if (!FIELDS.contains(member.getKey())) {
                return invalid(request, member.getKey(), "is not a field of a workspace (name, productName, "
                        + "ownerEmail)");
            }
            if (!member.getValue().isString()) {
                return invalid(request, member.getKey(), "must be a JSON string");
            }
        }
        OperateWorkspacesUseCase.CreatedWorkspace created;
        try {
            created = workspaces.create(new CreateOperatedWorkspaceCommand(text(object, "name"),
                    text(object, "productName"), text(object, "ownerEmail"), "operator"));
        } catch (InvalidMemberException e) {
            return invalid(request, e.field(), e.getMessage());
        }
        Map<String, JsonNode> answer = new LinkedHashMap<>(workspace(created.workspace()));
        answer.put("owner", JsonNode.createObjectNode(Map.of(
                "email", JsonNode.createStringNode(created.ownerInvitation().email()),
                "invitationUrl", JsonNode.createStringNode(base(request) + "/invite/" + created.invitationToken()),
                "expiresAt", JsonNode.createStringNode(created.ownerInvitation().expiresAt().toString()))));
        answer.put("keys", JsonNode.createArrayNode(created.keys().stream().map(OperatorController::key).toList()));
        return HttpResponse.created(JsonNode.createObjectNode(answer),
                URI.create("/api/operator/v1/workspaces/" + created.workspace().id()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Get
    HttpResponse<?> list(HttpRequest<?> request) {
        return refuse(request).orElseGet(() -> HttpResponse.ok(JsonNode.createObjectNode(Map.of("workspaces",
                JsonNode.createArrayNode(workspaces.list().stream()
                        .map(workspace -> JsonNode.createObjectNode(workspace(workspace))).toList())))));
    }

    /** Suspends the workspace: its keys and sessions stop working at once. Suspending twice changes nothing. */
    @Post("/{id}/suspend")
    HttpResponse<?> suspend(HttpRequest<?> request, @PathVariable String id) {
        Optional<HttpResponse<?>> refused = refuse(request);
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<Workspace> suspended;
        try {
            suspended = workspaces.suspend(WorkspaceId.of(id));
        } catch (IllegalArgumentException notAnId) {
            suspended = Optional.empty();
        }
        return suspended.<HttpResponse<?>>map(workspace -> HttpResponse.ok(JsonNode.createObjectNode(
                workspace(workspace)))).orElseGet(() -> ProblemResponses.of(request, ProblemType.INVALID_PARAMETERS,
                "No workspace has the id " + id + ".", List.of(ProblemError.ofParameter("id", "names no workspace")))
                .status(HttpStatus.NOT_FOUND));
    }

    /** Off without a configured token (404); a missing or wrong token is 401. */
    private Optional<HttpResponse<?>> refuse(HttpRequest<?> request) {
        if (token.length == 0) {
            return Optional.of(HttpResponse.status(HttpStatus.NOT_FOUND).body(ProblemResponses.ofStatus(request,
                    HttpStatus.NOT_FOUND, "The operator API is off: set LEADSYNC_OPERATOR_TOKEN to use it."))
                    .contentType(ProblemResponses.PROBLEM_JSON));
        }
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        byte[] presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                ? header.substring(7).strip().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!MessageDigest.isEqual(presented, token)) {
            return Optional.of(HttpResponse.status(HttpStatus.UNAUTHORIZED).body(ProblemResponses.ofStatus(request,
                    HttpStatus.UNAUTHORIZED, "The operator API needs Authorization: Bearer <operator token>."))
                    .contentType(ProblemResponses.PROBLEM_JSON).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer"));
        }
        return Optional.empty();
    }

    private static HttpResponse<?> invalid(HttpRequest<?> request, String field, String rule) {
        return ProblemResponses.of(request, ProblemType.INVALID_REQUEST, "The workspace was not created: " + field
                + " " + rule + ".", List.of(ProblemError.ofField(field, rule)));
    }

    private String base(HttpRequest<?> request) {
        if (!publicUrl.isEmpty()) {
            return publicUrl;
        }
        String host = request.getHeaders().get(HttpHeaders.HOST);
        return (clients.secure(request) ? "https://" : "http://") + (host == null ? "localhost" : host);
    }

    private static Map<String, JsonNode> workspace(Workspace workspace) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        fields.put("id", JsonNode.createStringNode(workspace.id().toString()));
        fields.put("name", JsonNode.createStringNode(workspace.name()));
        fields.put("productName", JsonNode.createStringNode(workspace.productName()));
        fields.put("createdAt", JsonNode.createStringNode(workspace.createdAt().toString()));
        fields.put("suspended", JsonNode.createBooleanNode(workspace.suspended()));
        workspace.suspendedAt().ifPresent(at -> fields.put("suspendedAt", JsonNode.createStringNode(at.toString())));
        return fields;
    }

    private static JsonNode key(IssuedApiKey issued) {
        Map<String, JsonNode> key = new LinkedHashMap<>();
        key.put("id", JsonNode.createStringNode(issued.key().id().value().toString()));
        key.put("name", JsonNode.createStringNode(issued.key().name()));
        key.put("scope", JsonNode.createStringNode(issued.key().scopes().stream().map(ApiKeyScope::apiName)
                .sorted().collect(java.util.stream.Collectors.joining(" "))));
        key.put("secret", JsonNode.createStringNode(issued.secret()));
        return JsonNode.createObjectNode(key);
    }

    private static String text(JsonNode object, String field) {
        JsonNode value = object.get(field);
        return value == null ? null : value.getStringValue();
    }
}
