package io.leadsync.application.service.capture;

import io.leadsync.domain.crm.ConnectionState;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;

import java.util.List;
import java.util.Set;

/**
 * The one place where an activity's target CRMs are chosen. For now: every CRM connection of the workspace that can
 * take activities, pushes and is not disconnected. Each delivery then waits for the lead to be in that CRM (its link),
 * so an activity logged right after the lead was captured still lands on it. Explicit targets and per-action rules
 * (issue 7's routing) replace this choice here.
 */
final class ActivityTargets {
    private ActivityTargets() {
    }

    static List<CrmConnection> choose(List<CrmConnection> connections, Set<CrmKind> writable) {
        return connections.stream()
                .filter(connection -> writable.contains(connection.kind()))
                .filter(connection -> connection.state() != ConnectionState.DISCONNECTED)
                .filter(connection -> connection.settings().direction().allowsPush())
                .toList();
    }
}
