package io.leadsync.application.service.capture;

import io.leadsync.application.port.in.LeadNotFoundException;
import io.leadsync.application.port.in.administer.ListActivitiesUseCase;
import io.leadsync.application.port.in.capture.LogActivityCommand;
import io.leadsync.application.port.in.capture.LogActivityUseCase;
import io.leadsync.application.port.in.capture.LoggedActivity;
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
import java.util.Optional;
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
    private io.leadsync.application.port.out.AgentRoutingRepository routing;

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

    /**
     * Activities follow the agent routing (ADR 0020): the request's targets, else the workspace's {@code logActivity}
     * rule, the agent's default, the default CRM; with no rule, {@link ActivityTargets} as before.
     */
    public LogActivityService withRouting(io.leadsync.application.port.out.AgentRoutingRepository routing) {
        this.routing = routing;
        return this;
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
            List<CrmConnection> targets = targets(command);
            activities.insert(activity, targets.stream().map(CrmConnection::id).toList(), now);
            return outcome(new ActivityStore.Logged(activity, targets.stream().map(target -> new ActivityStore.Target(
                    target.id(), ActivityStore.State.PENDING, 0, now, Optional.empty(),
                    Optional.empty())).toList()), kinds(command.workspaceId()));
        });
    }

    private List<CrmConnection> targets(LogActivityCommand command) {
        List<CrmConnection> all = connections.list(command.workspaceId());
        if (routing == null) {
            return ActivityTargets.choose(all, writable);
        }
        Map<ConnectionId, CrmConnection> known = all.stream()
                .collect(Collectors.toMap(CrmConnection::id, java.util.function.Function.identity()));
        java.util.Optional<String> agent = leads.find(command.workspaceId(), command.leadId())
                .flatMap(io.leadsync.domain.lead.Lead::agentId).map(io.leadsync.domain.lead.AgentId::value);
        io.leadsync.domain.crm.RoutingRules.Selection selection = AgentTargets.select(routing.find(
                command.workspaceId()), io.leadsync.domain.crm.AgentAction.LOG_ACTIVITY, command.targets(), agent,
                known, new TargetCheck(EnumSet.copyOf(writable)));
        return selection.rule() == io.leadsync.domain.crm.RoutingRules.Rule.EVERY_CONNECTED
                ? ActivityTargets.choose(all, writable)
                : selection.targets().stream().map(known::get).toList();
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
