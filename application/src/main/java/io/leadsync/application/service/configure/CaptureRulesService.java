package io.leadsync.application.service.configure;

import io.leadsync.application.port.in.configure.CaptureRulesUseCase;
import io.leadsync.application.port.in.ConnectionNotFoundException;
import io.leadsync.application.port.out.AuditEntry;
import io.leadsync.application.port.out.AuditLog;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.DuplicateRules;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.SuppressionRepository;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.Suppressions;
import io.leadsync.domain.lead.DuplicateRule;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Clock;
import java.util.Optional;
import java.util.stream.Collectors;

/** The workspace's duplicate rule and its connections' suppression lists, replaced whole and audited. */
public final class CaptureRulesService implements CaptureRulesUseCase {
    private final DuplicateRules duplicates;
    private final SuppressionRepository suppressions;
    private final CrmConnectionRepository connections;
    private final AuditLog audit;
    private final TransactionBoundary transactions;
    private final IdGenerator ids;
    private final Clock clock;

    public CaptureRulesService(DuplicateRules duplicates, SuppressionRepository suppressions,
                               CrmConnectionRepository connections, AuditLog audit, TransactionBoundary transactions,
                               IdGenerator ids, Clock clock) {
        this.duplicates = duplicates;
        this.suppressions = suppressions;
        this.connections = connections;
        this.audit = audit;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public DuplicateRule duplicateRule(WorkspaceId workspaceId) {
        return duplicates.find(workspaceId);
    }

    @Override
    public DuplicateRule replaceDuplicateRule(WorkspaceId workspaceId, String actor, DuplicateRule rule) {
        return transactions.inTransaction(() -> {
            duplicates.replace(workspaceId, rule);
            audit.record(new AuditEntry(ids.newId(), workspaceId, clock.instant(), actor, "duplicates.changed",
                    Optional.empty(), Optional.empty(), (rule.enabled() ? "on" : "off") + ": " + rule.fields().stream()
                    .map(LeadField::apiName).collect(Collectors.joining(", ")) + " within " + rule.window()));
            return rule;
        });
    }

    @Override
    public Suppressions suppressions(WorkspaceId workspaceId, ConnectionId connectionId) {
        requireConnection(workspaceId, connectionId);
        return suppressions.find(workspaceId, connectionId);
    }

    @Override
    public Suppressions replaceSuppressions(WorkspaceId workspaceId, String actor, ConnectionId connectionId,
                                            Suppressions list) {
        requireConnection(workspaceId, connectionId);
        return transactions.inTransaction(() -> {
            suppressions.replace(workspaceId, connectionId, list);
            audit.record(new AuditEntry(ids.newId(), workspaceId, clock.instant(), actor, "suppressions.changed",
                    Optional.empty(), Optional.of(connectionId.value()), list.emails().size() + " email(s), "
                    + list.domains().size() + " domain(s)"));
            return list;
        });
    }

    private void requireConnection(WorkspaceId workspaceId, ConnectionId connectionId) {
        if (connections.find(workspaceId, connectionId).isEmpty()) {
            throw new ConnectionNotFoundException(connectionId.toString());
        }
    }
}
