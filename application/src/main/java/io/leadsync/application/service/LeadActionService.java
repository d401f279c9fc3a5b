package io.leadsync.application.service;

import io.leadsync.application.port.in.DuplicateLeadException;
import io.leadsync.application.port.in.InvalidTargetsException;
import io.leadsync.application.port.in.LeadActionCommand;
import io.leadsync.application.port.in.LeadActionResult;
import io.leadsync.application.port.in.LeadNotFoundException;
import io.leadsync.application.port.in.LeadOutcome;
import io.leadsync.application.port.in.PerformLeadActionUseCase;
import io.leadsync.application.port.out.ActionLog;
import io.leadsync.application.port.out.AgentRoutingRepository;
import io.leadsync.application.port.out.CrmConnectionRepository;
import io.leadsync.application.port.out.CrmLeadWriter;
import io.leadsync.application.port.out.CrmLinkRepository;
import io.leadsync.application.port.out.CrmRecord;
import io.leadsync.application.port.out.DuplicateRules;
import io.leadsync.application.port.out.SuppressionRepository;
import io.leadsync.application.port.out.IdGenerator;
import io.leadsync.application.port.out.LeadRepository;
import io.leadsync.application.port.out.Outbox;
import io.leadsync.application.port.out.TransactionBoundary;
import io.leadsync.application.port.out.WorkspaceRepository;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.CrmLink;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.crm.RoutingRules;
import io.leadsync.domain.lead.DuplicateRule;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.sync.ChangeSource;
import io.leadsync.domain.workspace.Workspace;

import java.time.Clock;
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
 * Performs an agent's lead action and routes its change only to the CRMs chosen for it (ADR 0020); the change, its
 * outbox entry (carrying the targets) and the tracked action commit together. A dry run applies the action to a copy
 * of the lead and answers, per target, the payload the mapping makes of it and what the CRM would be asked to do.
 */
public final class LeadActionService implements PerformLeadActionUseCase {
    private final LeadWriter writer;
    private final LeadRepository leads;
    private final CrmConnectionRepository connections;
    private final AgentRoutingRepository routing;
    private final ActionLog actions;
    private final WorkspaceRepository workspaces;
    private final CrmLinkRepository links;
    private final IdGenerator ids;
    private final TargetCheck check;
    private final Map<CrmKind, CrmLeadWriter> writersByKind = new java.util.EnumMap<>(CrmKind.class);
    private final DuplicateRules duplicates;
    private final SuppressionRepository suppressions;

    public LeadActionService(LeadRepository leads, Outbox outbox, TransactionBoundary transactions, IdGenerator ids,
                             Clock clock, CrmConnectionRepository connections, AgentRoutingRepository routing,
                             ActionLog actions, WorkspaceRepository workspaces, CrmLinkRepository links,
                             List<CrmLeadWriter> writers, DuplicateRules duplicates,
                             SuppressionRepository suppressions) {
        this.duplicates = duplicates;
        this.suppressions = suppressions;
        this.writer = new LeadWriter(leads, outbox, transactions, ids, clock);
        this.leads = leads;
        this.connections = connections;
        this.routing = routing;
        this.actions = actions;
        this.workspaces = workspaces;
        this.links = links;
        this.ids = ids;
        Set<CrmKind> writable = EnumSet.noneOf(CrmKind.class);
        writers.forEach(w -> writable.add(w.kind()));
        writers.forEach(w -> writersByKind.put(w.kind(), w));
        this.check = new TargetCheck(writable);
    }

    /**
     * Push-only kinds (webhooks, Web-to-Lead) can be targets too: routing owes them their leads (ADR 0015), though no
     * CRM lead writer serves them.
     */
    public LeadActionService alsoTargeting(Set<CrmKind> kinds) {
        check.alsoTaking(kinds);
        return this;
    }

    @Override
    public LeadActionResult perform(LeadActionCommand command) {
        List<CrmConnection> all = connections.list(command.workspaceId());
        Map<ConnectionId, CrmConnection> known = all.stream()
                .collect(Collectors.toMap(CrmConnection::id, Function.identity()));
        RoutingRules.Selection selection = select(command, known);
        List<CrmConnection> targets = selection.rule() == RoutingRules.Rule.EVERY_CONNECTED
                ? all.stream().filter(check::usable).toList()
                : selection.targets().stream().map(known::get).toList();
        LeadWriter.Decision decision = decision(command);
        if (command.dryRun()) {
            LeadOutcome outcome = writer.preview(command.workspaceId(), command.leadId(), decision);
            Workspace workspace = workspaces.find(command.workspaceId()).orElseThrow();
            return new LeadActionResult(Optional.empty(), outcome, selection.rule().name(), targets.stream()
                    .map(target -> new LeadActionResult.Target(target.id(), target.kind(),
                            Optional.of(preview(outcome.lead(), target, workspace)))).toList());
        }
        UUID trackingId = ids.newId();
        Optional<Set<ConnectionId>> chosen = selection.rule() == RoutingRules.Rule.EVERY_CONNECTED
                ? Optional.empty() : Optional.of(new LinkedHashSet<>(selection.targets()));
        LeadOutcome outcome = writer.write(command.workspaceId(), command.leadId(),
                new ChangeSource.App(command.actor()), chosen, decision, (done, now) ->
                        actions.record(new ActionLog.TrackedAction(trackingId, command.workspaceId(),
                                command.write().action(), command.leadId(), done.lead().version(), done.changed(),
                                selection.rule().name(), targets.stream().map(target ->
                                new ActionLog.Target(target.id(), target.kind())).toList(), now)));
        return new LeadActionResult(Optional.of(trackingId), outcome, selection.rule().name(), targets.stream()
                .map(target -> new LeadActionResult.Target(target.id(), target.kind(), Optional.empty())).toList());
    }

    /** The targets by the rules, every one checked; an unusable one refuses the whole action. */
    private RoutingRules.Selection select(LeadActionCommand command, Map<ConnectionId, CrmConnection> known) {
        RoutingRules rules = routing.find(command.workspaceId());
        // The agent only picks a per-agent default: without any, the capture does not read the lead an extra time.
        Optional<String> agent = rules.byAgent().isEmpty() ? Optional.empty() : agentOf(command);
        return AgentTargets.select(rules, command.write().action(), command.targets(), agent, known, check);
    }

    /** The agent the lead belongs to after the action: the one the request sets, else the lead's. */
    private Optional<String> agentOf(LeadActionCommand command) {
        if (command.values().containsKey(LeadField.AGENT_ID)) {
            return Optional.ofNullable(command.values().get(LeadField.AGENT_ID)).filter(agent -> !agent.isBlank());
        }
        return leads.find(command.workspaceId(), command.leadId()).flatMap(Lead::agentId).map(agent -> agent.value());
    }

    private LeadWriter.Decision decision(LeadActionCommand command) {
        return switch (command.write()) {
            case CAPTURE -> {
                DuplicateRule rule = duplicates.find(command.workspaceId());
                yield (current, now) -> current
                        .map(lead -> new LeadOutcome(lead, false, lead.update(command.values(), now)))
                        .orElseGet(() -> {
                            Lead lead = Lead.create(command.workspaceId(), command.leadId(), command.values(), now);
                            refuseIfDuplicate(rule, lead, now);
                            return new LeadOutcome(lead, true, lead.asChangesFromNothing());
                        });
            }
            case PATCH -> (current, now) -> current
                    .map(lead -> new LeadOutcome(lead, false, lead.update(command.values(), now)))
                    .orElseThrow(() -> new LeadNotFoundException(command.leadId()));
            case STATUS -> (current, now) -> current
                    .map(lead -> new LeadOutcome(lead, false, lead.changeStatus(command.status().orElseThrow(), now)))
                    .orElseThrow(() -> new LeadNotFoundException(command.leadId()));
        };
    }

    /**
     * Only a new lead id can be a duplicate: re-capturing a lead by its own id is an update. Runs in the capture's
     * transaction, whose locks keep a second capture of the same person waiting until this one commits.
     */
    private void refuseIfDuplicate(DuplicateRule rule, Lead lead, java.time.Instant now) {
        Map<LeadField, String> keys = rule.keysOf(lead);
        duplicates.findDuplicate(lead.workspaceId(), lead.id(), keys, now.minus(rule.window())).ifPresent(existing -> {
            Lead other = leads.find(lead.workspaceId(), existing).orElseThrow();
            LeadField field = keys.keySet().stream().filter(key -> other.value(key)
                    .map(value -> value.equalsIgnoreCase(keys.get(key))).orElse(false)).findFirst()
                    .orElse(keys.keySet().iterator().next());
            throw new DuplicateLeadException(existing, field);
        });
    }

    /** What the push would send this target: the same record and mapping the push itself uses. */
    private LeadActionResult.Preview preview(Lead lead, CrmConnection target, Workspace workspace) {
        if (lead.workEmail().isEmpty()) {
            return skip(PushRecords.NO_WORK_EMAIL);
        }
        Optional<String> suppressed = suppressions.find(workspace.id(), target.id()).reasonFor(lead.workEmail().get());
        if (suppressed.isPresent()) {
            return skip(suppressed.get());
        }
        Optional<CrmLink> link = links.find(workspace.id(), target.id(), lead.id());
        CrmRecord record = PushRecords.record(lead, target, workspace, link);
        CrmLeadWriter writer = writersByKind.get(target.kind());
        Map<String, Object> payload = writer == null ? canonical(target, record) : writer.preview(target.mappings(), record);
        Optional<String> externalIdField = target.mappings().stream()
                .filter(mapping -> mapping.appField() == LeadField.LEAD_ID).map(FieldMapping::crmField).findFirst();
        if (writer == null) {
            // A push-only endpoint (webhook, Web-to-Lead) receives each lead as one request; there is no record to find.
            return new LeadActionResult.Preview("SEND", Optional.empty(), externalIdField, Optional.empty(), payload,
                    Optional.empty());
        }
        if (record.knownRecordId().isPresent()) {
            return new LeadActionResult.Preview("UPDATE_BY_ID", Optional.of("UPDATE"), externalIdField,
                    record.knownRecordId(), payload, Optional.empty());
        }
        boolean linked = link.filter(l -> !l.deletedInCrm()).isPresent();
        return new LeadActionResult.Preview("UPSERT_BY_EXTERNAL_ID", Optional.of(linked ? "UPDATE" : "CREATE"),
                externalIdField, link.filter(l -> !l.deletedInCrm()).map(CrmLink::crmRecordId), payload,
                Optional.empty());
    }

    /** The record's values by mapped field name, as LeadSync holds them. */
    private static Map<String, Object> canonical(CrmConnection target, CrmRecord record) {
        Map<String, Object> payload = new java.util.LinkedHashMap<>();
        for (FieldMapping mapping : target.mappings()) {
            Optional<String> value = record.values().get(mapping.appField());
            if (value != null) {
                payload.put(mapping.crmField(), value.orElse(null));
            }
        }
        return payload;
    }

    private static LeadActionResult.Preview skip(String reason) {
        return new LeadActionResult.Preview("SKIP", Optional.empty(), Optional.empty(), Optional.empty(), Map.of(),
                Optional.of(reason));
    }
}
