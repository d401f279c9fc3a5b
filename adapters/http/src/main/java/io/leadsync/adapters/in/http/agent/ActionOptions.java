package io.leadsync.adapters.in.http.agent;

import io.leadsync.adapters.in.http.problem.BadRequestException;
import io.leadsync.adapters.in.http.problem.ProblemError;
import io.leadsync.adapters.in.http.problem.ProblemType;
import io.micronaut.http.HttpRequest;
import io.micronaut.json.tree.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The members of an action's body that are about the action, not the lead: {@code targets} (connection ids) and
 * {@code dryRun}, also accepted as {@code ?dryRun=true}. They are taken out before the lead is parsed.
 */
record ActionOptions(JsonNode rest, List<String> targets, boolean dryRun) {
    static final String TARGETS = "targets";
    static final String DRY_RUN = "dryRun";

    static ActionOptions extract(JsonNode body, HttpRequest<?> request) {
        List<ProblemError> bad = new ArrayList<>();
        Map<String, JsonNode> rest = new LinkedHashMap<>();
        body.entries().forEach(member -> rest.put(member.getKey(), member.getValue()));
        List<String> targets = new ArrayList<>();
        JsonNode requested = rest.remove(TARGETS);
        if (requested != null && !requested.isNull()) {
            if (!requested.isArray()) {
                bad.add(ProblemError.ofField(TARGETS, "must be a JSON array of connection ids"));
            } else {
                for (int i = 0; i < requested.size(); i++) {
                    JsonNode target = requested.get(i);
                    if (target.isString()) {
                        targets.add(target.getStringValue());
                    } else {
                        bad.add(new ProblemError("/targets/" + i, TARGETS, null, "must be a connection id string"));
                    }
                }
            }
        }
        boolean dryRun = false;
        JsonNode flag = rest.remove(DRY_RUN);
        if (flag != null && !flag.isNull()) {
            if (flag.isBoolean()) {
                dryRun = flag.getBooleanValue();
            } else {
                bad.add(ProblemError.ofField(DRY_RUN, "must be a JSON boolean"));
            }
        }
        Optional<String> query = request.getParameters().getFirst(DRY_RUN);
        if (query.isPresent()) {
            switch (query.get()) {
                case "true" -> dryRun = true;
                case "false" -> { }
                default -> bad.add(ProblemError.ofParameter(DRY_RUN, "must be true or false"));
            }
        }
        if (!bad.isEmpty()) {
            throw new BadRequestException(ProblemType.INVALID_REQUEST, "The action's options are invalid; nothing "
                    + "was written.", bad);
        }
        return new ActionOptions(JsonNode.createObjectNode(rest), targets, dryRun);
    }
}
