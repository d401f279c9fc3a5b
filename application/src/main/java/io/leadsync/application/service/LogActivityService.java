package io.leadsync.application.service;

import io.leadsync.application.port.in.LeadNotFoundException;
import io.leadsync.application.port.in.ListActivitiesUseCase;
import io.leadsync.application.port.in.LogActivityCommand;
import io.leadsync.application.port.in.LogActivityUseCase;
import io.leadsync.application.port.in.LoggedActivity;
import io.leadsync.application.port.out.ActivityStore;
import io.leadsync.application.port.out.CrmActivityWriter;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.LeadRepository;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.lead.Activity;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Keeps an agent's activity and queues it for its target CRMs in one transaction; lists a lead's activities. */
public final class LogActivityService implements LogActivityUseCase, ListActivitiesUseCase {
    private final LeadRepository leads;
    private final CrmConnectionRepository connections;
    private final ActivityStore activities;
    private final TransactionBoundary transactions;
    private final IdGenerator ids;
    private final Clock clock;
    private final Set<CrmKind> writable = EnumSet.noneOf(CrmKind.class);

    public LogActivityService(LeadRepository leads, CrmConnectionRepository connections, ActivityStore activities,
                              List<CrmActivityWriter> writers, TransactionBoundary transactions, IdGenerator ids,
                              Clock clock) {
        this.leads = leads;
        this.connections = connections;
        this.activities = activities;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
        writers.forEach(writer -> writable.add(writer.kind()));
    }

    @Override
    public LoggedActivity log(LogActivityCommand command) {
        Instant now = clock.instant();
        Activity activity = Activity.log(ids.newId(), command.workspaceId(), command.leadId(), command.type(),
                command.subject(), command.body(), command.occurredAt().orElse(null), now, command.actor());
        return transactions.inTransaction(() -> {
            if (leads.find(command.workspaceId(), command.leadId()).isEmpty()) {
                throw new LeadNotFoundException(command.leadId());
            }
            List<CrmConnection> targets = ActivityTargets.choose(connections.list(command.workspaceId()), writable);
            activities.insert(activity, targets.stream().map(CrmConnection::id).toList(), now);
            return outcome(new ActivityStore.Logged(activity, targets.stream().map(target -> new ActivityStore.Target(
                    target.id(), ActivityStore.State.PENDING, 0, now, java.util.Optional.empty(),
                    java.util.Optional.empty())).toList()), kinds(command.workspaceId()));
        });
    }

    @Override
    public List<LoggedActivity> list(WorkspaceId workspaceId, LeadId leadId) {
        if (leads.find(workspaceId, leadId).isEmpty()) {
            throw new LeadNotFoundException(leadId);
        }
        Map<ConnectionId, CrmKind> kinds = kinds(workspaceId);
        return activities.forLead(workspaceId, leadId).stream().map(logged -> outcome(logged, kinds)).toList();
    }

    private Map<ConnectionId, CrmKind> kinds(WorkspaceId workspaceId) {
        return connections.list(workspaceId).stream()
                .collect(Collectors.toMap(CrmConnection::id, CrmConnection::kind, (a, b) -> a));
    }

    private static LoggedActivity outcome(ActivityStore.Logged logged, Map<ConnectionId, CrmKind> kinds) {
        return new LoggedActivity(logged.activity(), logged.targets().stream()
                .filter(target -> kinds.containsKey(target.connectionId()))
                .map(target -> new LoggedActivity.TargetOutcome(target.connectionId(), kinds.get(target.connectionId()),
                        target.state().name(), target.crmRecordId(), target.reason()))
                .toList());
    }

}
