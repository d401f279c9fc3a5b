package io.leadsync.application.service.capture;

import io.leadsync.application.port.in.capture.CaptureBatchCommand;
import io.leadsync.application.port.in.capture.CaptureBatchResult;
import io.leadsync.application.port.in.capture.CaptureBatchResult.Outcome;
import io.leadsync.application.port.in.capture.CaptureBatchResult.Refusal;
import io.leadsync.application.port.in.capture.InvalidTargetsException;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.RoutingRules;
import io.leadsync.domain.lead.DuplicateRule;
import io.leadsync.domain.lead.FieldChange;
import io.leadsync.domain.lead.FieldViolation;
import io.leadsync.domain.lead.InvalidLeadException;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * What a batch capture makes of each of its leads, decided as a single capture decides one lead (ADR 0102): an
 * existing lead is updated, a new one created; bad values, a connection the routing rule cannot use, and the
 * workspace's duplicate rule refuse a lead on its own. Within the batch, a lead id sent twice and a second new lead
 * for the same person are refused too: the batch is one transaction, so neither could be told apart from the first.
 */
final class BatchDecisions {
    /** A lead's targets: the rule that chose them, the connections, and those the change is routed to only. */
    record Selection(RoutingRules.Rule rule, List<CrmConnection> targets, Optional<Set<ConnectionId>> chosen) {
    }

    /** A lead the batch will write (or found unchanged). */
    static final class Decided {
        private final Lead lead;
        private final boolean created;
        private final List<FieldChange> changes;
        private Selection selection;

        private Decided(Lead lead, boolean created, List<FieldChange> changes) {
            this.lead = lead;
            this.created = created;
            this.changes = changes;
        }

        Lead lead() {
            return lead;
        }

        boolean created() {
            return created;
        }

        boolean changed() {
            return !changes.isEmpty();
        }

        List<FieldChange> changes() {
            return changes;
        }

        Selection selection() {
            return selection;
        }

        CaptureBatchResult.Item result(UUID trackingId) {
            Outcome outcome = created ? Outcome.CREATED : changed() ? Outcome.UPDATED : Outcome.UNCHANGED;
            return new CaptureBatchResult.Item(lead.id(), outcome, Optional.of(lead), Optional.of(trackingId),
                    Optional.of(selection.rule().name()), selection.targets().stream().map(target ->
                    new CaptureBatchResult.Target(target.id(), target.kind())).toList(), Optional.empty(), List.of(),
                    Optional.empty());
        }
    }

    /** Looks up duplicates of new leads by their keys, since the window's start: {@link
     * io.leadsync.application.port.out.DuplicateRules#findDuplicates}. */
    interface DuplicateFinder {
        Map<LeadId, LeadId> find(Map<LeadId, Map<LeadField, String>> keysByLead, Instant since);
    }

    private final List<CaptureBatchCommand.Item> items;
    private final CaptureBatchResult.Item[] refused;
    private final Decided[] decided;
    private final Instant now;

    BatchDecisions(CaptureBatchCommand command, Map<LeadId, Lead> current, Instant now) {
        this.items = command.leads();
        this.refused = new CaptureBatchResult.Item[items.size()];
        this.decided = new Decided[items.size()];
        this.now = now;
        Map<LeadId, Integer> firstIndex = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            CaptureBatchCommand.Item item = items.get(i);
            Integer earlier = firstIndex.putIfAbsent(item.leadId(), i);
            if (earlier != null) {
                refuse(i, Refusal.REPEATED_IN_BATCH, List.of(new FieldViolation(LeadField.LEAD_ID.apiName(),
                        "appears earlier in this batch (leads[" + earlier + "]); send each lead once per batch")),
                        Optional.empty());
                continue;
            }
            Lead existing = current.get(item.leadId());
            try {
                if (existing != null) {
                    decided[i] = new Decided(existing, false, existing.update(item.values(), now));
                } else {
                    Lead lead = Lead.create(command.workspaceId(), item.leadId(), item.values(), now);
                    decided[i] = new Decided(lead, true, lead.asChangesFromNothing());
                }
            } catch (InvalidLeadException e) {
                refuse(i, Refusal.INVALID, e.violations(), Optional.empty());
            }
        }
    }

    /** Chooses each lead's targets; a routing rule naming a connection that cannot take it refuses that lead. */
    void route(Function<Lead, Selection> select) {
        for (int i = 0; i < decided.length; i++) {
            if (decided[i] == null) {
                continue;
            }
            try {
                decided[i].selection = select.apply(decided[i].lead);
            } catch (InvalidTargetsException e) {
                refuse(i, Refusal.TARGETS, e.violations().stream().map(violation -> new FieldViolation("targets",
                        "connection " + violation.target() + (violation.path().isEmpty() ? "" : " (named by "
                                + violation.path() + ")") + " " + violation.rule())).toList(), Optional.empty());
            }
        }
    }

    /**
     * Applies the workspace's duplicate rule to the new leads: first among themselves (the domain's
     * {@link DuplicateRule#repeatsWithin}: the later of two is refused),
     * then against the stored leads, all looked up at once; {@code read} fetches the leads found, to name the field.
     */
    void refuseDuplicates(DuplicateRule rule, DuplicateFinder finder,
                          Function<Collection<LeadId>, Map<LeadId, Lead>> read) {
        if (!rule.enabled()) {
            return;
        }
        List<Integer> places = new ArrayList<>();
        List<Lead> fresh = new ArrayList<>();
        for (int i = 0; i < decided.length; i++) {
            if (decided[i] != null && decided[i].created) {
                places.add(i);
                fresh.add(decided[i].lead);
            }
        }
        Map<Integer, DuplicateRule.Repeat> repeats = rule.repeatsWithin(fresh);
        Map<LeadId, Map<LeadField, String>> keysByLead = new LinkedHashMap<>();
        Map<LeadId, Integer> indexOf = new HashMap<>();
        for (int j = 0; j < fresh.size(); j++) {
            DuplicateRule.Repeat repeat = repeats.get(j);
            if (repeat != null) {
                LeadId first = fresh.get(repeat.earlier()).id();
                refuse(places.get(j), Refusal.REPEATED_IN_BATCH, List.of(new FieldViolation(repeat.field().apiName(),
                        "matches lead " + first.value() + " earlier in this batch under the workspace's duplicate "
                                + "rule")), Optional.of(first));
                continue;
            }
            Map<LeadField, String> keys = rule.keysOf(fresh.get(j));
            if (!keys.isEmpty()) {
                keysByLead.put(fresh.get(j).id(), keys);
                indexOf.put(fresh.get(j).id(), places.get(j));
            }
        }
        if (keysByLead.isEmpty()) {
            return;
        }
        Map<LeadId, LeadId> found = finder.find(keysByLead, now.minus(rule.window()));
        if (found.isEmpty()) {
            return;
        }
        Map<LeadId, Lead> others = read.apply(found.values());
        found.forEach((newLead, existing) -> {
            Map<LeadField, String> keys = keysByLead.get(newLead);
            Lead other = others.get(existing);
            LeadField field = keys.keySet().stream().filter(key -> other != null && other.value(key)
                    .map(value -> value.equalsIgnoreCase(keys.get(key))).orElse(false)).findFirst()
                    .orElse(keys.keySet().iterator().next());
            refuse(indexOf.get(newLead), Refusal.DUPLICATE, List.of(new FieldViolation(field.apiName(),
                    "matches lead " + existing.value() + " (same " + field.apiName() + ") under the workspace's "
                            + "duplicate rule; update that lead instead")), Optional.of(existing));
        });
    }

    boolean anyRefused() {
        for (CaptureBatchResult.Item item : refused) {
            if (item != null) {
                return true;
            }
        }
        return false;
    }

    /** The leads to write (or found unchanged), in the request's order. */
    List<Decided> accepted() {
        List<Decided> accepted = new ArrayList<>();
        for (int i = 0; i < decided.length; i++) {
            if (refused[i] == null) {
                accepted.add(decided[i]);
            }
        }
        return accepted;
    }

    /** Every lead's result in the request's order: the refused as refused, the others from {@code written}. */
    List<CaptureBatchResult.Item> inOrder(List<CaptureBatchResult.Item> written) {
        List<CaptureBatchResult.Item> all = new ArrayList<>();
        int next = 0;
        for (CaptureBatchResult.Item item : refused) {
            all.add(item != null ? item : written.get(next++));
        }
        return all;
    }

    /** An all-or-none batch with a refused lead: the refused say why, every other lead was not written. */
    List<CaptureBatchResult.Item> notWritten() {
        List<CaptureBatchResult.Item> all = new ArrayList<>();
        for (int i = 0; i < refused.length; i++) {
            all.add(refused[i] != null ? refused[i] : CaptureBatchResult.Item.refused(items.get(i).leadId(),
                    Refusal.NOT_WRITTEN, List.of(), Optional.empty()));
        }
        return all;
    }

    private void refuse(int index, Refusal why, List<FieldViolation> violations, Optional<LeadId> duplicateOf) {
        refused[index] = CaptureBatchResult.Item.refused(items.get(index).leadId(), why, violations, duplicateOf);
        decided[index] = null;
    }
}
