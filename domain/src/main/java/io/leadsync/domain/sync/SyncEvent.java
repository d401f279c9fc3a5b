package io.leadsync.domain.sync;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened in a sync, as data rather than prose (ADR 0063): the audit stores it and the admin's pages render it
 * without parsing. Each event names its audit {@link #action()} (the filters select by it) and has a plain-text
 * {@link #summary()}, the audit's detail for the CSV export and the admin API, worded as those readers have always
 * read it (scripts match on it), where a page shows a sentence.
 */
public sealed interface SyncEvent {

    /** The audit action: a family ({@code lead.}, {@code sync.}, {@code connection.}) and an outcome. */
    String action();

    /** One line of plain text, for exports and API readers. */
    String summary();

    /** What made a lead go to a CRM. */
    enum Trigger {
        /** The lead changed (an agent, an admin, another CRM). */
        CHANGE,
        /** A pull found values this CRM lacks. */
        PULL,
        /** An admin's backfill. */
        BACKFILL,
        /** An admin's resync of failed or skipped leads. */
        RESYNC,
        /** An admin's "Sync now". */
        SYNC_NOW;

        /** As the audit's detail has always named it: "lead change", "sync now". */
        public String describe() {
            return this == CHANGE ? "lead change" : name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
    }

    /** A lead written to its CRM record: which record, created or updated, and each field it carried. */
    record LeadPushed(Trigger trigger, Optional<String> crmRecordId, boolean created, List<FieldDiff> fields)
            implements SyncEvent {
        public LeadPushed {
            Objects.requireNonNull(trigger, "trigger");
            Objects.requireNonNull(crmRecordId, "crmRecordId");
            fields = List.copyOf(fields);
        }

        @Override
        public String action() {
            return "lead.pushed";
        }

        @Override
        public String summary() {
            return "push (" + trigger.describe() + "): CRM record " + crmRecordId.orElse("?")
                    + (created ? " created" : " updated") + "; " + changes(fields);
        }
    }

    /**
     * A lead the CRM refused: its own error code ({@code INVALID_FIELD}, or {@code ERROR} when it gave none) and
     * message; {@code retryAt} when LeadSync tries again, empty when it gave up after {@code attempts}.
     */
    record DeliveryFailed(Trigger trigger, Optional<String> crmCode, String message, int attempts,
                          Optional<java.time.Instant> retryAt, List<FieldDiff> fields) implements SyncEvent {
        public DeliveryFailed {
            Objects.requireNonNull(trigger, "trigger");
            Objects.requireNonNull(crmCode, "crmCode");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(retryAt, "retryAt");
            fields = List.copyOf(fields);
        }

        /** The CRM's reason as the queue keeps it, {@code CODE: message}, split into its code and message. */
        public static DeliveryFailed of(Trigger trigger, String reason, int attempts,
                                        Optional<java.time.Instant> retryAt, List<FieldDiff> fields) {
            int colon = reason.indexOf(": ");
            boolean coded = colon > 0 && reason.substring(0, colon).matches("[A-Z][A-Z0-9_]*");
            return new DeliveryFailed(trigger, coded ? Optional.of(reason.substring(0, colon)) : Optional.empty(),
                    coded ? reason.substring(colon + 2) : reason, attempts, retryAt, fields);
        }

        /** The reason as the queue keeps it. */
        public String reason() {
            return crmCode.map(code -> code + ": ").orElse("") + message;
        }

        @Override
        public String action() {
            return retryAt.isPresent() ? "lead.push-retry" : "lead.delivery-failed";
        }

        @Override
        public String summary() {
            return "push (" + trigger.describe() + "): " + retryAt.map(at -> "attempt " + attempts
                    + " failed, retried at " + at).orElse("failed for good after " + attempts + " attempt(s)") + ": "
                    + reason() + (fields.isEmpty() ? "" : "; " + changes(fields));
        }
    }

    /** A lead not sent, and why (no work email, suppressed, the lead is gone). */
    record LeadSkipped(String reason) implements SyncEvent {
        public LeadSkipped {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String action() {
            return "lead.skipped";
        }

        @Override
        public String summary() {
            return "not sent: " + reason;
        }
    }

    /** A CRM record merged into the lead: each field that moved and, for a conflict, the rule that decided. */
    record LeadPulled(String crmRecordId, List<PulledField> fields) implements SyncEvent {
        public LeadPulled {
            Objects.requireNonNull(crmRecordId, "crmRecordId");
            fields = List.copyOf(fields);
        }

        @Override
        public String action() {
            return "lead.pulled";
        }

        @Override
        public String summary() {
            return "CRM record " + crmRecordId + ": " + String.join("; ", fields.stream().map(f -> {
                String conflict = f.conflict().map(c -> ", conflict settled by " + c.rule() + ": "
                        + c.winner().name().toLowerCase(java.util.Locale.ROOT) + " won, LeadSync had "
                        + quoted(c.appValue()) + ", the CRM " + quoted(c.crmValue())).orElse("");
                String field = f.field().apiName() + ": ";
                return switch (f.flow()) {
                    case TAKEN -> field + quoted(f.before()) + " -> " + quoted(f.after()) + " (from the CRM" + conflict
                            + ")";
                    case OWED_TO_CRM -> field + quoted(f.after()) + " owed to the CRM" + conflict;
                    case HELD_FROM_APP -> field + "change from the app held by the field's direction" + conflict;
                    case HELD_FROM_CRM -> field + "change from the crm held by the field's direction" + conflict;
                };
            }).toList());
        }
    }

    /** A pulled CRM record LeadSync could not take (an invalid value, a record linked to another lead). */
    record PullRefused(String crmRecordId, String reason) implements SyncEvent {
        public PullRefused {
            Objects.requireNonNull(crmRecordId, "crmRecordId");
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public String action() {
            return "lead.pull-refused";
        }

        @Override
        public String summary() {
            return "CRM record " + crmRecordId + ": " + reason;
        }
    }

    /** A rep converted the lead's CRM record; the lead lives on in the Contact (and Account). */
    record LeadConverted(String convertedRecordId, String contactId, Optional<String> accountId, String noticed)
            implements SyncEvent {
        public LeadConverted {
            Objects.requireNonNull(convertedRecordId, "convertedRecordId");
            Objects.requireNonNull(contactId, "contactId");
            Objects.requireNonNull(accountId, "accountId");
            Objects.requireNonNull(noticed, "noticed");
        }

        @Override
        public String action() {
            return "lead.converted";
        }

        @Override
        public String summary() {
            return "a rep converted CRM record " + convertedRecordId + " into Contact " + contactId
                    + accountId.map(a -> " of Account " + a).orElse("") + " (noticed " + noticed
                    + "); LeadSync writes the lead and its activities to the Contact from now on";
        }
    }

    /**
     * A rep merged the lead's CRM record into {@code survivor}; {@code otherLead} when the survivor is another lead's
     * record, so this lead keeps no record there.
     */
    record LeadMerged(String mergedRecordId, String survivor, Optional<String> otherLead) implements SyncEvent {
        public LeadMerged {
            Objects.requireNonNull(mergedRecordId, "mergedRecordId");
            Objects.requireNonNull(survivor, "survivor");
            Objects.requireNonNull(otherLead, "otherLead");
        }

        @Override
        public String action() {
            return "lead.merged";
        }

        @Override
        public String summary() {
            return "a rep merged CRM record " + mergedRecordId + " into " + survivor + otherLead.map(l -> ", which is lead "
                    + l + "'s record; this lead keeps no record there").orElse("; the lead now lives in " + survivor);
        }
    }

    /** A background push of one connection: what started it, its counts, the CRM calls, and why it stopped. */
    record PushRun(Map<Trigger, Integer> triggers, int records, int written, int failed, int retrying, int crmCalls,
                   long millis, boolean bulk, Optional<String> stopped) implements SyncEvent {
        public PushRun {
            triggers = Map.copyOf(triggers);
            Objects.requireNonNull(stopped, "stopped");
        }

        @Override
        public String action() {
            return "sync.push";
        }

        @Override
        public String summary() {
            StringBuilder startedBy = new StringBuilder();
            for (Trigger trigger : Trigger.values()) {
                Integer count = triggers.get(trigger);
                if (count != null) {
                    startedBy.append(startedBy.length() == 0 ? "" : ", ").append(count).append(' ')
                            .append(trigger.describe());
                }
            }
            return "background push, started by the worker for " + startedBy + ": " + records + " record(s), "
                    + written + " written, " + failed + " failed, " + retrying + " to retry, " + crmCalls
                    + " CRM call(s), " + millis + " ms" + (bulk ? ", through a Bulk API 2.0 job" : "")
                    + stopped.map(s -> "; " + s).orElse("");
        }
    }

    /** One pull of one connection and what came of the records it read. */
    record PullRun(int read, int updated, int created, int unchanged, int unmatched, int refused, int deleted,
                   int converted, int merged, int conflicts, int crmCalls, long millis, String startedBy,
                   Optional<String> stopped) implements SyncEvent {
        public PullRun {
            Objects.requireNonNull(startedBy, "startedBy");
            Objects.requireNonNull(stopped, "stopped");
        }

        @Override
        public String action() {
            return "sync.pull";
        }

        @Override
        public String summary() {
            return "pull: " + read + " read, " + updated + " leads updated, " + created + " created, " + unchanged
                    + " unchanged, " + unmatched + " unmatched, " + refused + " refused, " + deleted + " deleted in "
                    + "the CRM, " + converted + " converted and " + merged + " merged by reps, " + conflicts
                    + " conflict(s) settled, " + crmCalls + " CRM calls" + stopped.map(s -> "; stopped: " + s)
                    .orElse("") + "; started by " + startedBy + ", " + millis + " ms";
        }
    }

    /** An admin's "Sync now" of one connection. */
    record SyncNowRun(int created, int updated, int skipped, int failed, int crmCalls, long millis, boolean bulk)
            implements SyncEvent {
        @Override
        public String action() {
            return "sync.run";
        }

        @Override
        public String summary() {
            return "sync now: " + created + " created, " + updated + " updated, " + skipped + " skipped, " + failed
                    + " failed, " + crmCalls + " CRM calls, " + millis + " ms" + (bulk ? ", through bulk jobs" : "");
        }
    }

    /** One setting's change: its name (as the domain calls it) and the values before and after, as code names. */
    record SettingChange(String setting, String before, String after) {
        public SettingChange {
            Objects.requireNonNull(setting, "setting");
            Objects.requireNonNull(before, "before");
            Objects.requireNonNull(after, "after");
        }
    }

    /** An admin changed a connection's sync settings. */
    record SettingsChanged(List<SettingChange> changes) implements SyncEvent {
        public SettingsChanged {
            changes = List.copyOf(changes);
        }

        @Override
        public String action() {
            return "connection.settings-changed";
        }

        @Override
        public String summary() {
            return String.join(", ", changes.stream().map(c -> c.setting() + " " + c.before() + " -> " + c.after())
                    .toList());
        }
    }

    /** A connection authorised: as whom, to which org or portal. */
    record Connected(String userEmail, String orgName) implements SyncEvent {
        public Connected {
            Objects.requireNonNull(userEmail, "userEmail");
            Objects.requireNonNull(orgName, "orgName");
        }

        @Override
        public String action() {
            return "connection.authorised";
        }

        @Override
        public String summary() {
            return "connected as " + userEmail + " to " + orgName;
        }
    }

    /** A connection disconnected; the records stay in the CRM. */
    record Disconnected() implements SyncEvent {
        @Override
        public String action() {
            return "connection.disconnected";
        }

        @Override
        public String summary() {
            return "disconnected; records stay in the CRM";
        }
    }

    /** Every field a write carried, {@code jobTitle: 'CTO' -> 'CEO'}, as the detail has always listed them. */
    private static String changes(List<FieldDiff> fields) {
        return fields.isEmpty() ? "no field changed" : String.join("; ", fields.stream().map(f ->
                f.field().apiName() + ": " + quoted(f.before()) + " -> " + quoted(f.after())).toList());
    }

    private static String quoted(Optional<String> value) {
        return value.map(v -> "'" + (v.length() > 80 ? v.substring(0, 80) + "..." : v) + "'").orElse("(empty)");
    }
}
