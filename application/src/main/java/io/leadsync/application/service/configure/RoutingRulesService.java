package io.leadsync.application.service.configure;

import io.leadsync.application.service.capture.TargetCheck;
import io.leadsync.application.port.in.capture.InvalidTargetsException;
import io.leadsync.application.port.in.configure.RoutingRulesUseCase;
import io.leadsync.application.port.out.AgentRoutingRepository;
import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.CrmLeadWriter;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.RoutingRules;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads and replaces a workspace's routing rules; every connection a rule names must be a usable target. */
public final class RoutingRulesService implements RoutingRulesUseCase {
    private final AgentRoutingRepository routing;
    private final CrmConnectionRepository connections;
    private final AuditLog audit;
    private final TransactionBoundary transactions;
    private final IdGenerator ids;
    private final Clock clock;
    private final TargetCheck check;

    public RoutingRulesService(AgentRoutingRepository routing, CrmConnectionRepository connections,
                               List<CrmLeadWriter> writers, AuditLog audit, TransactionBoundary transactions,
                               IdGenerator ids, Clock clock) {
        this.routing = routing;
        this.connections = connections;
        this.audit = audit;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
        Set<CrmKind> writable = EnumSet.noneOf(CrmKind.class);
        writers.forEach(writer -> writable.add(writer.kind()));
        this.check = new TargetCheck(writable);
    }

    /**
     * Push-only kinds (webhooks, Web-to-Lead) can be targets too: routing owes them their leads (ADR 0015), though no
     * CRM lead writer serves them.
     */
    public RoutingRulesService alsoTargeting(Set<CrmKind> kinds) {
        check.alsoTaking(kinds);
        return this;
    }

    @Override
    public RoutingRules rules(WorkspaceId workspaceId) {
        return routing.find(workspaceId);
    }

    @Override
    public RoutingRules replace(WorkspaceId workspaceId, String actor, RoutingRules rules) {
        Map<ConnectionId, CrmConnection> known = connections.list(workspaceId).stream()
                .collect(Collectors.toMap(CrmConnection::id, Function.identity()));
        List<InvalidTargetsException.Violation> violations = new ArrayList<>();
        rules.byAction().forEach((action, targets) ->
                check.check("actions/" + action.apiName(), targets, known, violations));
        rules.byAgent().forEach((agent, targets) -> check.check("agents/" + agent, targets, known, violations));
        check.check("defaultTargets", rules.defaults(), known, violations);
        if (!violations.isEmpty()) {
            throw new InvalidTargetsException("A rule names a connection that cannot take agent actions; nothing "
                    + "was changed.", violations);
        }
        return transactions.inTransaction(() -> {
            routing.replace(workspaceId, rules);
            audit.record(new AuditEntry(ids.newId(), workspaceId, clock.instant(), actor, "routing.changed",
                    Optional.empty(), Optional.empty(), rules.byAction().size() + " action rule(s), "
                    + rules.byAgent().size() + " agent default(s), " + rules.defaults().size()
                    + " default target(s)"));
            return rules;
        });
    }
}
