package io.leadsync.domain.sync;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened in a sync, as data rather than prose (ADR 0063): the audit stores it and the admin's pages render it
 * without parsing. Each event names its audit {@link #action()} (the filters select by it) and has a plain-text
 * {@link #summary()} for the CSV export and the admin API, where a page would show a sentence.
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
        SYNC_NOW
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
            return "CRM record " + crmRecordId.orElse("?") + (created ? " created" : " updated") + changes(fields);
        }
    }

    /**
     * A lead the CRM refused: its own error code ({@code INVALID_FIELD}, or {@code ERROR} when it gave none) and
     * message; {@code retryAt} when LeadSync tries again, empty when it gave up after {@code attempts}.
     */
    record DeliveryFailed(Trigger trigger, String crmCode, String message, int attempts,
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
            return new DeliveryFailed(trigger, coded ? reason.substring(0, colon) : "ERROR",
                    coded ? reason.substring(colon + 2) : reason, attempts, retryAt, fields);
        }

        @Override
        public String action() {
            return retryAt.isPresent() ? "lead.push-retry" : "lead.delivery-failed";
        }

        @Override
        public String summary() {
            return crmCode + ": " + message + (retryAt.map(at -> "; retried at " + at)
                    .orElse("; failed for good after " + attempts + " attempt(s)"));
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
            StringBuilder text = new StringBuilder("CRM record " + crmRecordId + ":");
            fields.forEach(f -> text.append(' ').append(f.field().apiName()).append(' ')
                    .append(f.flow().name().toLowerCase(java.util.Locale.ROOT)).append(' ')
                    .append(f.after().orElse("(empty)"))
                    .append(f.conflict().map(c -> " (" + c.rule() + ", " + c.winner() + " won)").orElse(""))
                    .append(';'));
            return text.toString();
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
            return "CRM record " + crmRecordId + " refused: " + reason;
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
            return "CRM record " + convertedRecordId + " converted into Contact " + contactId
                    + accountId.map(a -> " of Account " + a).orElse("") + " (noticed " + noticed + ")";
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
            return "CRM record " + mergedRecordId + " merged into " + survivor
                    + otherLead.map(l -> " (lead " + l + "'s record)").orElse("");
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
            return "push: " + records + " record(s), " + written + " written, " + failed + " failed, " + retrying
                    + " to retry, " + crmCalls + " CRM call(s), " + millis + " ms" + (bulk ? ", bulk" : "")
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
            return "pull: " + read + " read, " + updated + " updated, " + created + " created, " + unchanged
                    + " unchanged, " + unmatched + " unmatched, " + refused + " refused, " + deleted + " deleted, "
                    + converted + " converted, " + merged + " merged, " + conflicts + " conflict(s), " + crmCalls
                    + " CRM call(s), " + millis + " ms, started by " + startedBy + stopped.map(s -> "; stopped: " + s)
                    .orElse("");
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
                    + " failed, " + crmCalls + " CRM call(s), " + millis + " ms" + (bulk ? ", bulk" : "");
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

    private static String changes(List<FieldDiff> fields) {
        StringBuilder text = new StringBuilder();
        fields.stream().filter(FieldDiff::changed).forEach(f -> text.append(text.length() == 0 ? ": " : "; ")
                .append(f.field().apiName()).append(' ').append(f.before().orElse("(empty)")).append(" -> ")
                .append(f.after().orElse("(empty)")));
        return text.toString();
    }
}
