package io.leadsync.adapters.in.http.admin;

import io.leadsync.adapters.in.http.agent.JsonBodies;
import io.leadsync.adapters.in.http.problem.ProblemError;
import io.leadsync.application.port.in.configure.ChangeSettingsCommand;
import io.leadsync.application.port.in.configure.ChangeSettingsUseCase;
import io.leadsync.application.port.in.configure.ChangeSalesforceOptionsUseCase;
import io.leadsync.application.port.in.configure.InvalidSettingsException;
import io.leadsync.domain.crm.ConflictPolicy;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.SyncDirection;
import io.leadsync.domain.crm.SyncFrequency;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A connection's sync settings as a merge-patch (issue 5). One controller per resource of a connection (settings,
 * mapping, backfill, error ledger), each needing only its own use cases. Bad input is one 422 problem naming every
 * bad member and its rule, and nothing is written: the adapter checks the JSON shapes, the use cases the rules.
 */
@Controller("/api/admin/v1/connections")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
final class ConnectionSettingsController {
    static final String MERGE_PATCH_JSON = "application/merge-patch+json";
    private static final Set<String> SETTINGS = Set.of("frequency", "direction", "conflictPolicy", "createRecordsInCrm",
            "createLeadsFromCrm", "targetObject", "createAccountsInCrm", "addFieldsToPageLayouts",
            "assignNewLeadsByRules");

    private final ChangeSettingsUseCase settings;
    private final ChangeSalesforceOptionsUseCase salesforceOptions;
    private final JsonMapper json;

    ConnectionSettingsController(ChangeSettingsUseCase settings, ChangeSalesforceOptionsUseCase salesforceOptions,
                                 JsonMapper json) {
        this.settings = settings;
        this.salesforceOptions = salesforceOptions;
        this.json = json;
    }

    /** Merge-patch of the sync settings: members left out keep their value; answers the connection. */
    @Patch("/{connectionId}")
    @Consumes({MediaType.APPLICATION_JSON, MERGE_PATCH_JSON})
    HttpResponse<JsonNode> changeSettings(@PathVariable String connectionId, @Nullable @Body String body,
                                          Authentication authentication) {
        AdminCaller caller = AdminCaller.of(authentication);
        ConnectionId id = AdminRequests.connectionId(connectionId);
        JsonNode patch = JsonBodies.readObject(json, body);
        List<ProblemError> bad = new ArrayList<>();
        for (Map.Entry<String, JsonNode> member : patch.entries()) {
            if (!SETTINGS.contains(member.getKey())) {
                bad.add(ProblemError.ofField(member.getKey(), "is not a connection setting; the settings are "
                        + "frequency, direction, conflictPolicy, createRecordsInCrm, createLeadsFromCrm and (Salesforce) "
                        + "targetObject, createAccountsInCrm, addFieldsToPageLayouts and assignNewLeadsByRules"));
            }
        }
        ChangeSettingsCommand command = new ChangeSettingsCommand(caller.workspaceId(), id, caller.actor(),
                choice(patch, "frequency", SyncFrequency.values(), SyncFrequency::valueOf, bad),
                choice(patch, "direction", SyncDirection.values(), SyncDirection::valueOf, bad),
                choice(patch, "conflictPolicy", ConflictPolicy.values(), ConflictPolicy::valueOf, bad),
                flag(patch, "createRecordsInCrm", bad), flag(patch, "createLeadsFromCrm", bad),
                choice(patch, "targetObject", io.leadsync.domain.crm.TargetObject.values(),
                        io.leadsync.domain.crm.TargetObject::valueOf, bad),
                flag(patch, "createAccountsInCrm", bad));
        Optional<Boolean> pageLayouts = flag(patch, "addFieldsToPageLayouts", bad);
        Optional<Boolean> assignmentRules = flag(patch, "assignNewLeadsByRules", bad);
        if (!bad.isEmpty()) {
            throw AdminRequests.invalid("The settings have invalid fields; nothing was changed.", bad);
        }
        if (pageLayouts.isPresent() || assignmentRules.isPresent()) {
            try {
                salesforceOptions.changeSalesforceOptions(new ChangeSalesforceOptionsUseCase
                        .ChangeSalesforceOptionsCommand(caller.workspaceId(), id, caller.actor(), pageLayouts,
                        assignmentRules));
            } catch (InvalidSettingsException e) {
                throw AdminRequests.invalid(e.getMessage(), e.violations().stream().map(violation -> ProblemError.ofField(
                        violation.path(), violation.rule())).toList());
            }
        }
        try {
            return HttpResponse.ok(ConnectionJson.toJson(settings.changeSettings(command)));
        } catch (InvalidSettingsException e) {
            // A rule only the use case knows (Person Account where the org has none): 422 naming the member.
            throw AdminRequests.invalid(e.getMessage(), e.violations().stream().map(violation -> ProblemError.ofField(
                    violation.path(), violation.rule())).toList());
        }
    }

    private static <E extends Enum<E>> Optional<E> choice(JsonNode patch, String name, E[] values,
                                                          Function<String, E> parse, List<ProblemError> bad) {
        JsonNode value = patch.get(name);
        if (value == null) {
            return Optional.empty();
        }
        // In a merge-patch null removes a member; a setting cannot be removed, only changed.
        if (value.isString()) {
            try {
                return Optional.of(parse.apply(value.getStringValue()));
            } catch (IllegalArgumentException e) {
                // reported below
            }
        }
        bad.add(ProblemError.ofField(name, "must be one of " + Arrays.toString(values)));
        return Optional.empty();
    }

    private static Optional<Boolean> flag(JsonNode patch, String name, List<ProblemError> bad) {
        JsonNode value = patch.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isBoolean()) {
            bad.add(ProblemError.ofField(name, "must be true or false"));
            return Optional.empty();
        }
        return Optional.of(value.getBooleanValue());
    }
}
