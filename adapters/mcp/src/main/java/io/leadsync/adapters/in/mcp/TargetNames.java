package io.leadsync.adapters.in.mcp;

import io.leadsync.application.port.in.capture.ListAgentTargetsUseCase;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.workspace.WorkspaceId;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A model knows "Salesforce" sooner than a connection's UUID, so a tool's {@code targets} may name CRM kinds too: a
 * kind stands for every connection of that kind that can take the action. A kind the workspace has no usable
 * connection of, and every other name, goes to the use case as it was sent, which refuses it by name.
 */
final class TargetNames {
    private final ListAgentTargetsUseCase targets;

    TargetNames(ListAgentTargetsUseCase targets) {
        this.targets = targets;
    }

    List<String> resolve(WorkspaceId workspaceId, List<String> names) {
        if (names.stream().map(TargetNames::kind).allMatch(Optional::isEmpty)) {
            return names;
        }
        List<ListAgentTargetsUseCase.Candidate> candidates = targets.targets(workspaceId).connections();
        List<String> resolved = new ArrayList<>();
        for (String name : names) {
            Optional<CrmKind> kind = kind(name);
            List<String> ids = kind.map(k -> candidates.stream()
                    .filter(c -> c.connection().kind() == k && c.notATargetBecause().isEmpty())
                    .map(c -> c.connection().id().toString()).toList()).orElse(List.of());
            resolved.addAll(ids.isEmpty() ? List.of(name) : ids);
        }
        return resolved;
    }

    private static Optional<CrmKind> kind(String name) {
        String normalised = name.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        return Arrays.stream(CrmKind.values()).filter(kind -> kind.name().equals(normalised)).findFirst();
    }
}
