package io.leadsync.application.port.in.capture;

import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.lead.FieldViolation;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadId;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * What a batch capture did, one result per lead in the request's order. {@code written}: whether anything was written
 * (false when the batch asked for all or none and a lead was refused).
 */
public record CaptureBatchResult(List<Item> leads, boolean written) {
    public enum Outcome { CREATED, UPDATED, UNCHANGED, REFUSED }

    /** Why a lead was refused. */
    public enum Refusal {
        /** A value breaks its field's rule, or a new lead lacks one it needs. */
        INVALID,
        /** A new lead matches an existing one under the workspace's duplicate rule. */
        DUPLICATE,
        /** The same lead id, or the same person under the duplicate rule, came earlier in this batch. */
        REPEATED_IN_BATCH,
        /** The routing rule chose a connection that cannot take it. */
        TARGETS,
        /** Another lead of an all-or-none batch was refused, so this one was not written either. */
        NOT_WRITTEN
    }

    /**
     * One lead. For a written one: the lead as stored, its tracking id, the routing rule and targets. For a refused
     * one: why, the broken rules by field ({@code violations}), and for a duplicate the lead it duplicates.
     */
    public record Item(LeadId leadId, Outcome outcome, Optional<Lead> lead, Optional<UUID> trackingId,
                       Optional<String> rule, List<Target> targets, Optional<Refusal> refusal,
                       List<FieldViolation> violations, Optional<LeadId> duplicateOf) {
        public Item {
            Objects.requireNonNull(leadId, "leadId");
            Objects.requireNonNull(outcome, "outcome");
            targets = List.copyOf(targets);
            violations = List.copyOf(violations);
            if ((outcome == Outcome.REFUSED) != refusal.isPresent()) {
                throw new IllegalArgumentException("a refused lead, and only a refused lead, says why");
            }
        }

        public static Item refused(LeadId leadId, Refusal why, List<FieldViolation> violations,
                                   Optional<LeadId> duplicateOf) {
            return new Item(leadId, Outcome.REFUSED, Optional.empty(), Optional.empty(), Optional.empty(), List.of(),
                    Optional.of(why), violations, duplicateOf);
        }
    }

    public record Target(ConnectionId connectionId, CrmKind kind) {
        public Target {
            Objects.requireNonNull(connectionId, "connectionId");
            Objects.requireNonNull(kind, "kind");
        }
    }

    public CaptureBatchResult {
        leads = List.copyOf(leads);
    }

    public long count(Outcome outcome) {
        return leads.stream().filter(item -> item.outcome() == outcome).count();
    }
}
