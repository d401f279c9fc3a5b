package io.leadsync.domain.sync;

import io.leadsync.domain.crm.ConflictPolicy;
import io.leadsync.domain.crm.FieldMapping;
import io.leadsync.domain.crm.SyncDirection;
import io.leadsync.domain.crm.SyncSettings;
import io.leadsync.domain.lead.FieldType;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadField;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The field-level three-way merge between a lead and its record in one CRM (ARCHITECTURE.md section 4). For every
 * mapped field it weighs the app's value and the CRM's value against the merge base, the value both held after the
 * last sync, so only real changes move, a change made on one side is never lost to a stale copy of the other, and
 * LeadSync's own write coming back on the next pull is no change at all.
 *
 * <p>Values are canonical strings (see {@link LeadField#normalise}); an empty value means "no value", and clearing a
 * field is a change like any other.
 */
public final class FieldMerge {
    private static final Optional<String> UNCHECKED = Optional.of("false");

    private FieldMerge() {
    }

    /**
     * Decides one field.
     *
     * @param direction     which ways this field may flow (the field's mapping narrowed by the connection); null
     *                      when the two allow nothing in common, so neither side's change may flow
     * @param policy        who wins when both sides changed to different values
     * @param appChangedAt  when the app's value last changed (set or cleared); empty when it never had one
     * @param crmModifiedAt when the CRM record was last modified
     */
    public static SyncDecision decide(Optional<String> base, Optional<String> app, Optional<String> crm,
                                      SyncDirection direction, ConflictPolicy policy,
                                      Optional<Instant> appChangedAt, Instant crmModifiedAt) {
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(crm, "crm");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(appChangedAt, "appChangedAt");
        Objects.requireNonNull(crmModifiedAt, "crmModifiedAt");
        boolean mayPush = direction != null && direction.allowsPush();
        boolean mayTake = direction != null && direction.allowsPull();
        boolean appChanged = !app.equals(base);
        boolean crmChanged = !crm.equals(base);

        if (!appChanged && !crmChanged) {
            return new SyncDecision.Keep(base);
        }
        if (appChanged && !crmChanged) {
            return mayPush ? new SyncDecision.Push(app, Optional.empty())
                    : new SyncDecision.Hold(Side.APP, Optional.empty());
        }
        if (!appChanged) {
            return mayTake ? new SyncDecision.Take(crm, Optional.empty())
                    : new SyncDecision.Hold(Side.CRM, Optional.empty());
        }
        if (app.equals(crm)) {
            return new SyncDecision.Keep(app);
        }
        Side winner = winner(policy, appChangedAt, crmModifiedAt);
        Optional<ConflictResolution> conflict = Optional.of(new ConflictResolution(policy, winner, app, crm));
        if (winner == Side.APP) {
            return mayPush ? new SyncDecision.Push(app, conflict) : new SyncDecision.Hold(Side.APP, conflict);
        }
        return mayTake ? new SyncDecision.Take(crm, conflict) : new SyncDecision.Hold(Side.CRM, conflict);
    }

    /**
     * Merges a lead with its CRM record over every mapped field.
     *
     * @param crmValues     the CRM record's values of the mapped fields, canonical, by app field; a field absent here
     *                      has no value in the CRM
     * @param base          the merge base from the lead's link in this connection; empty for a lead never synced
     *                      with it, which makes every difference a change on both sides
     * @param crmModifiedAt the CRM record's modification instant
     */
    public static RecordMerge merge(Lead lead, Map<LeadField, String> crmValues, Instant crmModifiedAt,
                                    Map<LeadField, String> base, List<FieldMapping> mappings,
                                    SyncSettings settings) {
        Map<LeadField, SyncDecision> decisions = new EnumMap<>(LeadField.class);
        Map<LeadField, String> newBase = new EnumMap<>(LeadField.class);
        for (FieldMapping mapping : mappings) {
            LeadField field = mapping.appField();
            Optional<String> fieldBase = Optional.ofNullable(base.get(field));
            Optional<String> crm = Optional.ofNullable(crmValues.get(field));
            if (field.type() == FieldType.BOOLEAN && crm.equals(UNCHECKED) && lead.value(field).isEmpty()) {
                // A Salesforce checkbox is never empty: unchecked is how it shows "no value". Taken as a change, every
                // lead without the flag would come back from its first pull changed to false and travel on to the
                // other CRMs (measured by the benchmark, docs/BENCHMARKS.md).
                crm = Optional.empty();
            }
            SyncDecision decision = decide(fieldBase, lead.value(field), crm,
                    mapping.direction().narrowedBy(settings.direction()),
                    mapping.policyUnder(settings.conflictPolicy()), lead.changedAt(field), crmModifiedAt);
            decisions.put(field, decision);
            decision.settledValue(fieldBase).ifPresent(value -> newBase.put(field, value));
        }
        return new RecordMerge(decisions, newBase);
    }

    private static Side winner(ConflictPolicy policy, Optional<Instant> appChangedAt, Instant crmModifiedAt) {
        return switch (policy) {
            case CRM_WINS -> Side.CRM;
            case APP_WINS -> Side.APP;
            // Ties go to the CRM: a rep's edit in the same instant is the one a person made on purpose.
            case MOST_RECENT -> appChangedAt.filter(app -> app.isAfter(crmModifiedAt)).isPresent() ? Side.APP : Side.CRM;
        };
    }
}
