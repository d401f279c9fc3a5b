package io.leadsync.application.service.capture;

import io.leadsync.application.port.in.capture.CaptureBatchCommand;
import io.leadsync.application.port.in.capture.CaptureBatchResult;
import io.leadsync.application.port.in.capture.CaptureLeadsUseCase;
import io.leadsync.application.port.out.ActionLog;
import io.leadsync.application.port.out.AgentRoutingRepository;
import io.leadsync.application.port.out.ConcurrentLeadChangeException;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.CrmLeadWriter;
import io.leadsync.application.port.out.DuplicateRules;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.LeadAlreadyExistsException;
import io.leadsync.application.port.out.LeadRepository;
import io.leadsync.application.port.out.Outbox;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.domain.crm.AgentAction;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.RoutingRules;
import io.leadsync.domain.lead.DuplicateRule;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.sync.ChangeSource;
import io.leadsync.domain.sync.LeadChanged;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Captures a batch of leads as single captures would, in one transaction (ADR 0102): the connections, routing rules
 * and duplicate rule are read once; the leads are read and locked with one statement; new leads, changed leads,
 * outbox entries and tracked actions are each written with one statement. Each lead is decided on its own
 * ({@link BatchDecisions}); a refused lead is answered with its reasons and the others are written, or, for an
 * all-or-none batch, none is. Two batches racing on a lead are resolved as {@link LeadWriter} resolves two single
 * writers: the transaction is run again on fresh reads.
 */
public final class CaptureBatchService implements CaptureLeadsUseCase {
    private static final int ATTEMPTS = 5;

    private final LeadRepository leads;
    private final Outbox outbox;
    private final TransactionBoundary transactions;
    private final IdGenerator ids;
    private final Clock clock;
    private final CrmConnectionRepository connections;
    private final AgentRoutingRepository routing;
    private final ActionLog actions;
    private final DuplicateRules duplicates;
    private final TargetCheck check;

    public CaptureBatchService(LeadRepository leads, Outbox outbox, TransactionBoundary transactions, IdGenerator ids,
                               Clock clock, CrmConnectionRepository connections, AgentRoutingRepository routing,
                               ActionLog actions, List<CrmLeadWriter> writers, DuplicateRules duplicates) {
        this.leads = leads;
        this.outbox = outbox;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
        this.connections = connections;
        this.routing = routing;
        this.actions = actions;
        this.duplicates = duplicates;
        Set<CrmKind> writable = EnumSet.noneOf(CrmKind.class);
        writers.forEach(writer -> writable.add(writer.kind()));
        this.check = new TargetCheck(writable);
    }

    /** Push-only kinds (webhooks, Web-to-Lead) can be targets too, as for single actions. */
    public CaptureBatchService alsoTargeting(Set<CrmKind> kinds) {
        check.alsoTaking(kinds);
        return this;
    }

    @Override
    public CaptureBatchResult capture(CaptureBatchCommand command) {
        List<CrmConnection> all = connections.list(command.workspaceId());
        Map<ConnectionId, CrmConnection> known = all.stream()
                .collect(Collectors.toMap(CrmConnection::id, Function.identity()));
        RoutingRules rules = routing.find(command.workspaceId());
        if (!command.targets().isEmpty()) {
            // The request's own targets are the same for every lead: a bad one refuses the batch before anything.
            AgentTargets.select(rules, AgentAction.UPSERT_LEAD, command.targets(), Optional.empty(), known, check);
        }
        Routing route = new Routing(rules, command.targets(), all, known);
        DuplicateRule rule = duplicates.find(command.workspaceId());
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.inTransaction(() -> captureOnce(command, route, rule));
            } catch (LeadAlreadyExistsException | ConcurrentLeadChangeException race) {
                if (attempt == ATTEMPTS) {
                    throw race;
                }
            }
        }
    }

    private CaptureBatchResult captureOnce(CaptureBatchCommand command, Routing route, DuplicateRule rule) {
        Instant now = clock.instant();
        Set<LeadId> leadIds = new LinkedHashSet<>();
        command.leads().forEach(item -> leadIds.add(item.leadId()));
        Map<LeadId, Lead> current = leads.findAllForChange(command.workspaceId(), leadIds).stream()
                .collect(Collectors.toMap(Lead::id, Function.identity()));
        BatchDecisions decisions = new BatchDecisions(command, current, now);
        decisions.route(lead -> route.select(lead, check));
        decisions.refuseDuplicates(rule, (keysByLead, since) ->
                duplicates.findDuplicates(command.workspaceId(), keysByLead, since),
                existing -> leads.findAll(command.workspaceId(), existing));
        if (command.allOrNone() && decisions.anyRefused()) {
            return new CaptureBatchResult(decisions.notWritten(), false);
        }
        List<BatchDecisions.Decided> accepted = decisions.accepted();
        ChangeSource source = new ChangeSource.App(command.actor());
        List<Lead> created = new ArrayList<>();
        List<Lead> updated = new ArrayList<>();
        List<LeadChanged> changes = new ArrayList<>();
        List<ActionLog.TrackedAction> tracked = new ArrayList<>();
        List<CaptureBatchResult.Item> results = new ArrayList<>();
        for (BatchDecisions.Decided decided : accepted) {
            Lead lead = decided.lead();
            if (decided.created()) {
                created.add(lead);
            } else if (decided.changed()) {
                updated.add(lead);
            }
            if (decided.changed()) {
                changes.add(new LeadChanged(ids.newId(), command.workspaceId(), lead.id(), lead.version(),
                        decided.created(), decided.changes(), source, now, decided.selection().chosen()));
            }
            UUID trackingId = ids.newId();
            tracked.add(new ActionLog.TrackedAction(trackingId, command.workspaceId(), AgentAction.UPSERT_LEAD,
                    lead.id(), lead.version(), decided.changed(), decided.selection().rule().name(),
                    decided.selection().targets().stream().map(target ->
                            new ActionLog.Target(target.id(), target.kind())).toList(), now));
            results.add(decided.result(trackingId));
        }
        // In lead-id order, as the reads lock: two batches creating the same new leads wait for each other at the
        // first they share (and the later one runs again), instead of each holding one the other needs.
        created.sort(java.util.Comparator.comparing(lead -> lead.id().value()));
        leads.insertAll(created);
        leads.updateAll(updated);
        outbox.appendAll(changes);
        actions.recordAll(tracked);
        return new CaptureBatchResult(decisions.inOrder(results), true);
    }

    /** The routing rules read once for the batch; each lead's targets chosen as a single capture would. */
    private record Routing(RoutingRules rules, List<String> requested, List<CrmConnection> all,
                           Map<ConnectionId, CrmConnection> known) {
        BatchDecisions.Selection select(Lead lead, TargetCheck check) {
            // The agent only picks a per-agent default; the lead as it will be stored says whose it is.
            Optional<String> agent = rules.byAgent().isEmpty() ? Optional.empty()
                    : lead.agentId().map(id -> id.value());
            RoutingRules.Selection selection = AgentTargets.select(rules, AgentAction.UPSERT_LEAD, requested, agent,
                    known, check);
            List<CrmConnection> targets = selection.rule() == RoutingRules.Rule.EVERY_CONNECTED
                    ? all.stream().filter(check::usable).toList()
                    : selection.targets().stream().map(known::get).toList();
            Optional<Set<ConnectionId>> chosen = selection.rule() == RoutingRules.Rule.EVERY_CONNECTED
                    ? Optional.empty() : Optional.of(new LinkedHashSet<>(selection.targets()));
            return new BatchDecisions.Selection(selection.rule(), targets, chosen);
        }
    }
}
