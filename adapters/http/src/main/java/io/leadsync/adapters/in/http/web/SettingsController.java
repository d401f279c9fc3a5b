package io.leadsync.adapters.in.http.web;

import io.leadsync.application.port.in.configure.CaptureRulesUseCase;
import io.leadsync.application.port.in.configure.ChangeWorkspaceDefaultsCommand;
import io.leadsync.application.port.in.configure.ChangeWorkspaceDefaultsUseCase;
import io.leadsync.application.port.in.configure.InvalidSettingsException;
import io.leadsync.application.port.in.administer.InviteMemberUseCase;
import io.leadsync.application.port.in.capture.InvalidTargetsException;
import io.leadsync.application.port.in.configure.RoutingRulesUseCase;
import io.leadsync.application.port.in.administer.IssueApiKeyCommand;
import io.leadsync.application.port.in.administer.IssueApiKeyUseCase;
import io.leadsync.application.port.in.administer.IssuedApiKey;
import io.leadsync.application.port.in.administer.ListMembersUseCase;
import io.leadsync.application.port.in.administer.ManageApiKeysUseCase;
import io.leadsync.application.port.in.NotAllowedException;
import io.leadsync.domain.crm.AgentAction;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.ConnectionState;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.lead.DuplicateRule;
import io.leadsync.domain.crm.RoutingRules;
import io.leadsync.domain.lead.AgentId;
import io.leadsync.domain.lead.InvalidLeadException;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.workspace.ApiKeyId;
import io.leadsync.domain.workspace.ApiKeyScope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Settings: the API keys (a new key of a chosen scope shown once, narrow, revoke), users and roles (changed by
 * {@link MembersController}), the workspace's defaults.
 */
@Controller("/app/settings")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
final class SettingsController {
    private static final int MAX_KEY_NAME = 100;
    /** Rows of per-agent defaults the routing form may carry; more is not a form a person filled in. */
    private static final int MAX_AGENT_ROWS = 500;
    /** As the domain allows (DuplicateRule.MAX_WINDOW). */
    private static final long MAX_WINDOW_DAYS = io.leadsync.domain.lead.DuplicateRule.MAX_WINDOW.toDays();
    /** The fields offered for matching duplicates: the ones that name a person; others chosen by the API show too. */
    private static final List<LeadField> MATCH_FIELDS = List.of(LeadField.WORK_EMAIL, LeadField.MOBILE_PHONE,
            LeadField.LINKEDIN_URL);

    private final ManageApiKeysUseCase keys;
    private final IssueApiKeyUseCase issue;
    private final ListMembersUseCase members;
    private final ChangeWorkspaceDefaultsUseCase defaults;
    private final RoutingRulesUseCase routing;
    private final ConnectionViews connections;
    private final CaptureRulesUseCase captureRules;
    private final InviteMemberUseCase invitations;

    SettingsController(ManageApiKeysUseCase keys, IssueApiKeyUseCase issue, ListMembersUseCase members,
                       ChangeWorkspaceDefaultsUseCase defaults,
                       RoutingRulesUseCase routing, ConnectionViews connections, CaptureRulesUseCase captureRules,
                       InviteMemberUseCase invitations) {
        this.invitations = invitations;
        this.keys = keys;
        this.issue = issue;
        this.members = members;
        this.defaults = defaults;
        this.routing = routing;
        this.connections = connections;
        this.captureRules = captureRules;
    }

    @Get
    HttpResponse<?> settings(HttpRequest<?> request, @Nullable @QueryValue String notice) {
        WebContext context = WebContext.of(request);
        Map<String, Object> model = model(context);
        model.put("notice", notice == null ? null : Notices.text(notice));
        return Pages.render("settings", model);
    }

    /** Issues a key and shows it on this answer only: it is not stored, so it cannot be shown again. */
    @Post("/keys")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> createKey(HttpRequest<?> request, @Body Map<String, Object> form) {
        WebContext context = WebContext.of(request);
        String name = String.valueOf(Forms.one(form, "name") == null ? "" : Forms.one(form, "name")).strip();
        if (name.isEmpty() || name.length() > MAX_KEY_NAME) {
            Map<String, Object> model = model(context);
            model.put("problem", "Give the key a name of 1 to " + MAX_KEY_NAME + " characters, such as the agent that uses it.");
            return Pages.render(HttpStatus.UNPROCESSABLE_ENTITY, "settings", model);
        }
        Optional<ApiKeyScope> scope = ApiKeyScope.byApiName(String.valueOf(Forms.one(form, "scope")));
        if (scope.isEmpty()) {
            Map<String, Object> model = model(context);
            model.put("problem", "Choose what the key may do: agent (leads, activities, the MCP server) or admin "
                    + "(the admin API).");
            return Pages.render(HttpStatus.UNPROCESSABLE_ENTITY, "settings", model);
        }
        IssuedApiKey issued = issue.issue(new IssueApiKeyCommand(context.workspaceId(), name, scope.get()));
        Map<String, Object> model = model(context);
        model.put("newKey", issued.secret());
        model.put("newKeyName", name);
        model.put("newKeyScope", ApiKeyRows.scopeLabel(issued.key().scopes()));
        return Pages.render("settings", model);
    }

    @Post("/keys/revoke")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> revokeKey(HttpRequest<?> request, @Body Map<String, Object> form) {
        WebContext context = WebContext.of(request);
        boolean revoked;
        try {
            revoked = keys.revoke(context.workspaceId(), new ApiKeyId(UUID.fromString(Forms.one(form, "keyId"))));
        } catch (IllegalArgumentException | NullPointerException notAnId) {
            revoked = false;
        }
        if (!revoked) {
            return ErrorPages.page(HttpStatus.NOT_FOUND, "No such key", "This workspace has no such API key.",
                    "/app/settings", "Back to Settings");
        }
        return Pages.redirect("/app/settings?notice=revoked");
    }

    /** Takes a scope away from a key from before scopes (ADR 0048): it keeps only the one chosen. */
    @Post("/keys/narrow")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> narrowKey(HttpRequest<?> request, @Body Map<String, Object> form) {
        WebContext context = WebContext.of(request);
        Optional<ApiKeyScope> scope = ApiKeyScope.byApiName(String.valueOf(Forms.one(form, "scope")));
        boolean narrowed;
        try {
            narrowed = scope.isPresent() && keys.narrow(context.workspaceId(),
                    new ApiKeyId(UUID.fromString(Forms.one(form, "keyId"))), scope.get());
        } catch (IllegalArgumentException | NullPointerException notAnIdOrScope) {
            narrowed = false;
        }
        if (!narrowed) {
            return ErrorPages.page(HttpStatus.NOT_FOUND, "No such key", "This workspace has no such API key with "
                    + "that scope.", "/app/settings", "Back to Settings");
        }
        return Pages.redirect("/app/settings?notice=narrowed");
    }

    @Post("/defaults")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> saveDefaults(HttpRequest<?> request, @Body Map<String, Object> form) {
        WebContext context = WebContext.of(request);
        try {
            defaults.change(new ChangeWorkspaceDefaultsCommand(context.workspaceId(), context.access().userId(),
                    Forms.one(form, "productName")));
        } catch (NotAllowedException e) {
            return ErrorPages.page(HttpStatus.FORBIDDEN, "Not allowed", e.getMessage(), "/app/settings",
                    "Back to Settings");
        } catch (InvalidSettingsException e) {
            Map<String, Object> model = model(context);
            model.put("problem", e.getMessage());
            model.put("problems", e.violations().stream().map(v -> v.path() + ": " + v.rule()).toList());
            return Pages.render(HttpStatus.UNPROCESSABLE_ENTITY, "settings", model);
        }
        return Pages.redirect("/app/settings?notice=defaults");
    }

    /**
     * Replaces the routing rules for agents as the API's PUT does: the form carries every rule, so a box left unticked
     * is no rule. Agents are rows {@code agentId.N} with their CRMs in {@code agent.N}; a row with no CRM ticked is
     * dropped. Unknown, disconnected or pull-only connections are refused by the use case with the reason.
     */
    @Post("/routing")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> saveRouting(HttpRequest<?> request, @Body Map<String, Object> form) {
        WebContext context = WebContext.of(request);
        List<String> bad = new ArrayList<>();
        List<ConnectionId> defaultTargets = ids(Forms.all(form, "defaultTargets"), "Default CRMs", bad);
        Map<AgentAction, List<ConnectionId>> actions = new EnumMap<>(AgentAction.class);
        for (AgentAction action : AgentAction.values()) {
            actions.put(action, ids(Forms.all(form, "action." + action.apiName()), action.apiName(), bad));
        }
        Map<String, List<ConnectionId>> agents = new LinkedHashMap<>();
        for (int row = 0; row <= MAX_AGENT_ROWS; row++) {
            String agent = Forms.one(form, "agentId." + row);
            List<ConnectionId> targets = ids(Forms.all(form, "agent." + row), "agent " + agent, bad);
            if (agent == null || (agent.isBlank() && targets.isEmpty())) {
                continue;
            }
            try {
                agents.put(new AgentId(agent.strip()).value(), targets);
            } catch (InvalidLeadException e) {
                bad.add("Agent id \"" + agent.strip() + "\": " + LeadField.AGENT_ID.rule());
            }
        }
        if (bad.isEmpty()) {
            try {
                routing.replace(context.workspaceId(), context.actor(),
                        new RoutingRules(actions, agents, defaultTargets));
                return Pages.redirect("/app/settings?notice=routing");
            } catch (InvalidTargetsException e) {
                e.violations().forEach(v -> bad.add(v.path() + ": connection " + v.target() + " " + v.rule()));
            }
        }
        Map<String, Object> model = model(context);
        model.put("problem", "The routing rules were not saved; nothing was changed.");
        model.put("problems", bad);
        return Pages.render(HttpStatus.UNPROCESSABLE_ENTITY, "settings", model);
    }

    /** Duplicate detection as {@code PUT /api/admin/v1/duplicates} sets it; the window in whole days. */
    @Post("/duplicates")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> saveDuplicates(HttpRequest<?> request, @Body Map<String, Object> form) {
        WebContext context = WebContext.of(request);
        List<String> bad = new ArrayList<>();
        List<LeadField> fields = new ArrayList<>();
        for (String name : Forms.all(form, "fields")) {
            LeadField.byApiName(name).filter(field -> field != LeadField.LEAD_ID).ifPresentOrElse(fields::add,
                    () -> bad.add("Fields: " + name + " is not a lead field that can match"));
        }
        if (fields.isEmpty() && bad.isEmpty()) {
            bad.add("Fields: choose at least one field to match duplicates by");
        }
        long days = 0;
        try {
            days = Long.parseLong(String.valueOf(Forms.one(form, "windowDays")).strip());
        } catch (NumberFormatException e) {
            days = 0;
        }
        if (days < 1 || days > MAX_WINDOW_DAYS) {
            bad.add("Window: must be a whole number of days from 1 to " + MAX_WINDOW_DAYS);
        }
        if (!bad.isEmpty()) {
            Map<String, Object> model = model(context);
            model.put("problem", "The duplicate rule was not saved; nothing was changed.");
            model.put("problems", bad);
            return Pages.render(HttpStatus.UNPROCESSABLE_ENTITY, "settings", model);
        }
        captureRules.replaceDuplicateRule(context.workspaceId(), context.actor(),
                new DuplicateRule(Forms.checked(form, "enabled"), fields, java.time.Duration.ofDays(days)));
        return Pages.redirect("/app/settings?notice=duplicates");
    }

    private static List<ConnectionId> ids(List<String> values, String where, List<String> bad) {
        List<ConnectionId> ids = new ArrayList<>();
        for (String value : values) {
            try {
                ids.add(new ConnectionId(UUID.fromString(value)));
            } catch (IllegalArgumentException e) {
                bad.add(where + ": \"" + value + "\" is not a connection of this workspace");
            }
        }
        return ids;
    }

    /** The routing rules as the form shows them: one box per connection that can take leads, ticked when chosen. */
    private void routingModel(WebContext context, Map<String, Object> model) {
        RoutingRules rules = routing.rules(context.workspaceId());
        List<CrmConnection> usable = connections.authorised(context.workspaceId()).stream()
                .filter(connection -> connection.state() != ConnectionState.DISCONNECTED).toList();
        List<Map<String, Object>> targets = usable.stream().map(connection -> {
            Map<String, Object> target = new LinkedHashMap<>();
            target.put("id", connection.id().value().toString());
            target.put("name", ConnectionViews.kindName(connection.kind()) + connection.identity()
                    .map(identity -> identity.orgName() == null ? "" : " (" + identity.orgName() + ")").orElse(""));
            return target;
        }).toList();
        model.put("routingTargets", targets);
        model.put("defaultTargets", names(rules.defaults()));
        List<Map<String, Object>> actionRows = new ArrayList<>();
        for (AgentAction action : AgentAction.values()) {
            actionRows.add(Map.of("name", action.apiName(), "label", Pages.actionLabel(action.apiName()), "chosen", names(rules.byAction().getOrDefault(action,
                    List.of()))));
        }
        model.put("actionRules", actionRows);
        List<Map<String, Object>> agentRows = new ArrayList<>();
        rules.byAgent().forEach((agent, ids) -> agentRows.add(Map.of("row", agentRows.size(), "agent", agent,
                "chosen", names(ids))));
        agentRows.add(Map.of("row", agentRows.size(), "agent", "", "chosen", List.of()));
        model.put("agentRules", agentRows);
    }

    private static List<String> names(List<ConnectionId> ids) {
        return ids.stream().map(id -> id.value().toString()).toList();
    }

    private Map<String, Object> model(WebContext context) {
        Map<String, Object> model = Pages.model(context, "settings", "Settings");
        model.put("keys", ApiKeyRows.of(keys.list(context.workspaceId())));
        model.put("members", members.members(context.workspaceId()).stream().map(member -> Map.of(
                "id", member.userId().toString(), "email", member.email(), "name", member.displayName(),
                "role", Pages.label(member.role().name()))).toList());
        model.put("invitations", context.access().role().mayManageUsers()
                ? invitations.openInvitations(context.workspaceId()).stream().map(invitation -> Map.of(
                        "email", invitation.email(), "role", Pages.label(invitation.role().name()),
                        "expires", Pages.when(invitation.expiresAt()),
                        "expiresIso", invitation.expiresAt().toString())).toList() : List.of());
        model.put("productName", context.access().productName());
        model.put("newKey", null);
        model.put("newKeyName", null);
        model.put("newKeyScope", null);
        model.put("problems", null);
        routingModel(context, model);
        DuplicateRule rule = captureRules.duplicateRule(context.workspaceId());
        List<LeadField> offered = new ArrayList<>(MATCH_FIELDS);
        rule.fields().stream().filter(field -> !offered.contains(field)).forEach(offered::add);
        model.put("duplicatesOn", rule.enabled());
        model.put("duplicateDays", Math.max(1, rule.window().toDays()));
        model.put("duplicateFields", offered.stream().map(field -> Map.of("name", field.apiName(),
                "label", Pages.fieldLabel(field.apiName()),
                "chosen", rule.fields().contains(field))).toList());
        return model;
    }
}
