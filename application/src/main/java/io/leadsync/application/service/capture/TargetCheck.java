package io.leadsync.application.service.capture;

import io.leadsync.application.port.in.capture.InvalidTargetsException;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.ConnectionState;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a connection can be an agent action's target: the workspace has it, it is not disconnected, and it takes
 * pushes of leads (its kind has a lead writer and its direction pushes). Paused connections and those waiting for
 * setup or re-authorisation can: their deliveries wait for them, as routing does for every change (ADR 0015).
 */
public final class TargetCheck {
    private final Set<CrmKind> writable;

    public TargetCheck(Set<CrmKind> writable) {
        this.writable = writable;
    }

    /** Push-only kinds (webhooks, Web-to-Lead) take leads too, through their own senders. */
    public void alsoTaking(Set<CrmKind> kinds) {
        writable.addAll(kinds);
    }

    /** Why {@code connection} cannot be a target, or empty when it can. */
    public Optional<String> problem(Optional<CrmConnection> connection) {
        if (connection.isEmpty()) {
            return Optional.of("names no connection of this workspace");
        }
        CrmConnection found = connection.get();
        if (found.state() == ConnectionState.DISCONNECTED) {
            return Optional.of("is disconnected");
        }
        if (!writable.contains(found.kind())) {
            return Optional.of("is a " + found.kind() + " connection, which does not take leads");
        }
        if (!found.settings().direction().allowsPush()) {
            return Optional.of("only pulls (direction " + found.settings().direction() + "); it takes no pushes");
        }
        return Optional.empty();
    }

    public boolean usable(CrmConnection connection) {
        return problem(Optional.of(connection)).isEmpty();
    }

    /** Adds a violation for each unusable connection of {@code ids}, named at {@code path}/index. */
    public void check(String path, List<ConnectionId> ids, Map<ConnectionId, CrmConnection> workspaceConnections,
               List<InvalidTargetsException.Violation> violations) {
        for (int i = 0; i < ids.size(); i++) {
            ConnectionId id = ids.get(i);
            String at = path + "/" + i;
            problem(Optional.ofNullable(workspaceConnections.get(id))).ifPresent(problem ->
                    violations.add(new InvalidTargetsException.Violation(at, id.toString(), problem)));
        }
    }
}
