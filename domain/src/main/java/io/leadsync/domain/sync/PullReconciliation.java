package io.leadsync.domain.sync;

import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.crm.CrmLink;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.crm.SyncSettings;
import io.leadsync.domain.lead.InvalidLeadException;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How a record read from a CRM comes together with LeadSync's leads (ARCHITECTURE.md section 4): which lead it is,
 * what of it is a rep's edit, what the merge decides, and the merge base its link keeps. Plain rules over values the
 * caller has read; the caller reads and writes.
 */
public final class PullReconciliation {
    /** Which rule found a pulled record's lead, in the order they are tried. */
    public enum MatchRule {
        /** The record is linked to the lead (LeadSync wrote it, or matched it before). */
        LINK,
        /** The record carries the lead's id in LeadSync's lead id field (an earlier push stamped it). */
        LEAD_ID,
        /** The record's e-mail is the lead's work e-mail (a rep entered the person first). */
        WORK_EMAIL
    }

    /** The lead a pulled record belongs to, and the rule that said so. */
    public record Match(Lead lead, MatchRule rule) {
    }

    /**
     * One record merged with its lead.
     *
     * @param merge    the field decisions
     * @param linkBase the merge base the link keeps from now on
     * @param stamped  whether the record carries LeadSync's lead id; when not, the next push writes it by its CRM id
     *                 and stamps it
     */
    public record Merged(Lead lead, MatchRule rule, RecordMerge merge, Map<LeadField, String> linkBase,
                         boolean stamped) {
        /** Whether the connection is owed a push: values it lacks, or the lead id to stamp. */
        public boolean owesPush() {
            return !merge.toPush().isEmpty() || !stamped;
        }

        /** How many fields were changed on both sides, settled by the conflict policy. */
        public int conflicts() {
            return (int) merge.decisions().values().stream().filter(decision ->
                    decision instanceof SyncDecision.Push push && push.conflict().isPresent()
                            || decision instanceof SyncDecision.Take take && take.conflict().isPresent()
                            || decision instanceof SyncDecision.Hold hold && hold.conflict().isPresent()).count();
        }
    }

    /**
     * A lead made from a record no lead matched.
     *
     * @param linkBase what both sides hold now
     * @param stamped  whether the record already carries the new lead's id
     */
    public record NewLead(Lead lead, Map<LeadField, String> linkBase, boolean stamped) {
    }

    private PullReconciliation() {
    }

    /**
     * The fields a pull merges: every mapped field but the lead id, which is the link rather than data, and the lead
     * source, which LeadSync always writes as its own name. Merged, every pull would find them "changed".
     */
    public static List<FieldMapping> mergedFields(List<FieldMapping> mappings) {
        return mappings.stream().filter(mapping -> mapping.appField() != LeadField.LEAD_ID
                && mapping.appField() != LeadField.LEAD_SOURCE).toList();
    }

    /**
     * The lead a pulled record belongs to: the lead its link names; else the lead whose id the record carries; else
     * the (oldest) lead with the record's e-mail as work e-mail. A link wins over the record's content, since reps
     * edit e-mails and copy records.
     */
    public static Optional<Match> match(PulledRecord record, Optional<CrmLink> link,
                                        Function<LeadId, Optional<Lead>> leadById,
                                        Function<String, Optional<Lead>> leadByWorkEmail) {
        Optional<Lead> linked = link.flatMap(l -> leadById.apply(l.leadId()));
        if (linked.isPresent()) {
            return Optional.of(new Match(linked.get(), MatchRule.LINK));
        }
        Optional<Lead> byId = carriedLeadId(record).flatMap(leadById);
        if (byId.isPresent()) {
            return Optional.of(new Match(byId.get(), MatchRule.LEAD_ID));
        }
        return record.value(LeadField.WORK_EMAIL).flatMap(leadByWorkEmail)
                .map(lead -> new Match(lead, MatchRule.WORK_EMAIL));
    }

    /** The lead id the record carries in LeadSync's lead id field, when it is a valid one. */
    public static Optional<LeadId> carriedLeadId(PulledRecord record) {
        return record.value(LeadField.LEAD_ID).flatMap(text -> {
            try {
                return Optional.of(new LeadId(text));
            } catch (InvalidLeadException | IllegalArgumentException e) {
                // A rep's typing in the lead id field is no lead id: the record is matched by its e-mail instead.
                return Optional.empty();
            }
        });
    }

    /**
     * The record's values a rep may have edited: what the CRM holds for LeadSync's "no value" is no edit. A Salesforce
     * checkbox is never empty: after LeadSync wrote a lead without the flag it holds false, which is not the rep's.
     */
    public static Map<LeadField, String> edits(PulledRecord record, Lead lead, CrmKind kind) {
        Map<LeadField, String> values = record.presentValues();
        values.entrySet().removeIf(entry -> lead.value(entry.getKey()).isEmpty()
                && kind.holdsAfterWriting(entry.getKey(), Optional.empty()).equals(Optional.of(entry.getValue())));
        return values;
    }

    /**
     * Merges a matched record with its lead. The merge base is the link's when the link names this lead (a link to
     * another lead, or none, means a first meeting: every difference is a change on both sides). Two corrections to
     * the merge's new base: a value owed to the CRM keeps its old base until the push lands (the push sends what
     * differs from the base, and a push that never lands leaves it owed, not "synced"); and the lead id is in the base
     * when the record carries it, kept from the link or seen on the record.
     */
    public static Merged merge(PulledRecord record, Match match, Optional<CrmLink> link, CrmKind kind,
                               List<FieldMapping> mergedFields, SyncSettings settings) {
        Lead lead = match.lead();
        Optional<CrmLink> own = link.filter(l -> l.leadId().equals(lead.id()));
        Map<LeadField, String> base = own.map(CrmLink::lastSynced).orElse(Map.of());
        RecordMerge merge = FieldMerge.merge(lead, edits(record, lead, kind), record.modifiedAt(), base, mergedFields,
                settings);
        Map<LeadField, String> newBase = new EnumMap<>(LeadField.class);
        // A field the pull does not merge (push-only, such as the lead source) is still what the CRM held after the
        // last push: it keeps its base, or the next push would send it again for nothing.
        java.util.Set<LeadField> merged = java.util.EnumSet.noneOf(LeadField.class);
        mergedFields.forEach(mapping -> merged.add(mapping.appField()));
        base.forEach((field, value) -> {
            if (!merged.contains(field)) {
                newBase.put(field, value);
            }
        });
        newBase.putAll(merge.newBase());
        merge.decisions().forEach((field, decision) -> {
            if (decision instanceof SyncDecision.Push) {
                Optional<String> before = Optional.ofNullable(base.get(field));
                if (before.isPresent()) {
                    newBase.put(field, before.get());
                } else {
                    newBase.remove(field);
                }
            }
        });
        Optional<String> stamped = own.flatMap(l -> l.base(LeadField.LEAD_ID))
                .or(() -> record.value(LeadField.LEAD_ID).filter(id -> id.equals(lead.id().value())));
        stamped.ifPresent(id -> newBase.put(LeadField.LEAD_ID, id));
        return new Merged(lead, match.rule(), merge, newBase, stamped.isPresent());
    }

    /**
     * A lead for a record no lead matched (when the connection creates leads from the CRM): its id is the one the
     * record carries, else one made of the CRM's name and the record id, so pulling the record again finds it.
     *
     * @throws io.leadsync.domain.lead.InvalidLeadException when the record's values do not make a valid lead
     */
    public static NewLead newLead(WorkspaceId workspace, PulledRecord record, CrmKind kind, Instant now) {
        LeadId id = carriedLeadId(record).orElse(new LeadId(kind.name().toLowerCase(Locale.ROOT) + ":"
                + record.crmRecordId()));
        Map<LeadField, String> input = record.presentValues();
        input.remove(LeadField.LEAD_ID);
        Lead lead = Lead.create(workspace, id, input, now);
        Map<LeadField, String> base = new EnumMap<>(LeadField.class);
        base.putAll(input);
        boolean stamped = record.value(LeadField.LEAD_ID).filter(v -> v.equals(id.value())).isPresent();
        if (stamped) {
            base.put(LeadField.LEAD_ID, id.value());
        }
        return new NewLead(lead, base, stamped);
    }

    /**
     * The link of a converted record once the conversion is noticed: it names the Contact from now on. Empty when the
     * record is not converted, has no link, or the link already knows (a record stays converted on every later pull).
     */
    public static Optional<CrmLink> conversion(PulledRecord record, Optional<CrmLink> link, Instant now) {
        return record.conversion().flatMap(conversion -> link.filter(l -> l.conversion().isEmpty())
                .map(l -> l.converted(conversion, now)));
    }

    /**
     * Whether a pulled record was read before LeadSync last wrote it ({@code link} synced after {@code asOf}, the moment
     * the CRM was as the record shows it). Such a record is not merged: against the newer base, its older values would
     * look like a rep's edits and undo what LeadSync just wrote. Pushes and pulls of one connection run side by side
     * (on a node's threads and across nodes), and HubSpot's search answers as of a second or more ago, so this happens.
     */
    public static boolean readBefore(Optional<CrmLink> link, Instant asOf) {
        return link.filter(l -> l.lastSyncedAt().isAfter(asOf)).isPresent();
    }

    /**
     * Why a record may not be linked to {@code lead}: one CRM record belongs to one lead per connection, so a record
     * another lead's link names stays that lead's. Empty when it may.
     */
    public static Optional<LeadId> linkedToAnother(Optional<CrmLink> recordLink, LeadId lead) {
        return recordLink.map(CrmLink::leadId).filter(other -> !other.equals(lead));
    }
}
