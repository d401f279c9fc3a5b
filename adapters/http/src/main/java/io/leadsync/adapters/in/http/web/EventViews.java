package io.leadsync.adapters.in.http.web;

import io.leadsync.application.port.in.administer.ReadAuditUseCase;
import io.leadsync.domain.crm.CrmConnection;
import io.leadsync.domain.crm.CrmKind;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.sync.ConflictResolution;
import io.leadsync.domain.sync.FieldDiff;
import io.leadsync.domain.sync.PulledField;
import io.leadsync.domain.sync.Side;
import io.leadsync.domain.sync.SyncEvent;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * An audit entry as the admin reads it on Activity and a lead's History (issue 16): a sentence, a small table of the
 * fields that changed, the rule that settled a conflict and a link to the record in its CRM, all from the typed
 * {@link SyncEvent} (ADR 0063). Entries written before the events, or not typed, keep their prose detail.
 */
final class EventViews {
    private EventViews() {
    }

    /** The view of one entry; {@code connections} by id, to name the CRM and link to its records. */
    static Map<String, Object> view(ReadAuditUseCase.Entry entry, Map<UUID, CrmConnection> connections) {
        Optional<CrmConnection> connection = entry.connectionId().map(connections::get);
        String crm = connection.map(c -> ConnectionViews.kindName(c.kind())).orElse("the CRM");
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("iso", entry.occurredAt().toString());
        view.put("when", Pages.when(entry.occurredAt()));
        view.put("what", ActionLabels.label(entry.action()));
        view.put("badge", entry.action().contains("failed") || entry.action().contains("refused") ? "bad"
                : entry.action().contains("retry") || entry.action().contains("skipped") ? "warn"
                : entry.action().startsWith("sync.") ? "info" : "none");
        view.put("actor", actor(entry.actor()));
        view.put("changes", List.of());
        view.put("rules", List.of());
        view.put("record", null);
        view.put("lines", List.of());
        if (entry.event().isEmpty()) {
            view.put("sentence", null);
            view.put("lines", ActivityController.lines(entry.detail()));
            return view;
        }
        SyncEvent event = entry.event().get();
        view.put("sentence", sentence(event, crm));
        if (event instanceof SyncEvent.LeadPushed pushed) {
            view.put("changes", diffs(pushed.fields()));
            view.put("record", pushed.crmRecordId().flatMap(id -> link(connection, id)).orElse(null));
        } else if (event instanceof SyncEvent.DeliveryFailed failed) {
            view.put("changes", diffs(failed.fields()));
        } else if (event instanceof SyncEvent.LeadPulled pulled) {
            List<Map<String, Object>> changes = new ArrayList<>();
            List<String> rules = new ArrayList<>();
            for (PulledField field : pulled.fields()) {
                if (field.flow() == PulledField.Flow.TAKEN && field.before().equals(field.after())) {
                    continue;
                }
                changes.add(change(field.field(), field.before(), field.after(), flow(field.flow(), crm)));
                field.conflict().ifPresent(c -> rules.add(rule(field.field(), c, crm)));
            }
            view.put("changes", changes);
            view.put("rules", rules);
            view.put("record", link(connection, pulled.crmRecordId()).orElse(null));
        } else if (event instanceof SyncEvent.LeadConverted converted) {
            view.put("record", link(connection, converted.contactId()).orElse(null));
        } else if (event instanceof SyncEvent.LeadMerged merged) {
            view.put("record", link(connection, merged.survivor()).orElse(null));
        } else if (event instanceof SyncEvent.SettingsChanged settings) {
            view.put("changes", settings.changes().stream().map(c -> {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("field", ActionLabels.setting(c.setting()));
                row.put("before", ActionLabels.value(c.before()));
                row.put("after", ActionLabels.value(c.after()));
                row.put("note", null);
                return row;
            }).toList());
        }
        return view;
    }

    /** One sentence per event, in the admin's words. */
    static String sentence(SyncEvent event, String crm) {
        if (event instanceof SyncEvent.LeadPushed e) {
            long changed = e.fields().stream().filter(FieldDiff::changed).count();
            return (e.created() ? "Created the record in " : "Updated the record in ") + crm + " "
                    + trigger(e.trigger()) + (e.created() ? "" : ": " + count(changed, "field") + " changed") + ".";
        }
        if (event instanceof SyncEvent.DeliveryFailed e) {
            return crm + " refused the lead" + e.crmCode().map(code -> " (" + code + ")").orElse("") + ": "
                    + e.message()
                    + (e.retryAt().isPresent() ? ". LeadSync tries again shortly (attempt " + e.attempts() + ")."
                    : ". LeadSync gave up after " + count(e.attempts(), "attempt") + ".");
        }
        if (event instanceof SyncEvent.LeadSkipped e) {
            return "Not sent to " + crm + ": " + e.reason() + ".";
        }
        if (event instanceof SyncEvent.LeadPulled e) {
            long taken = e.fields().stream().filter(f -> f.flow() == PulledField.Flow.TAKEN).count();
            long owed = e.fields().stream().filter(f -> f.flow() == PulledField.Flow.OWED_TO_CRM).count();
            long conflicts = e.fields().stream().filter(f -> f.conflict().isPresent()).count();
            return "A change in " + crm + " was merged: " + count(taken, "field") + " taken from " + crm
                    + (owed > 0 ? ", " + count(owed, "field") + " to send back" : "")
                    + (conflicts > 0 ? "; " + count(conflicts, "conflict") + " settled by the rule" : "") + ".";
        }
        if (event instanceof SyncEvent.PullRefused e) {
            return "A record read from " + crm + " was not taken: " + e.reason() + ".";
        }
        if (event instanceof SyncEvent.LeadConverted e) {
            return "A rep converted the lead in " + crm + " into a Contact" + e.accountId().map(a -> " with an Account")
                    .orElse("") + "; LeadSync writes to the Contact from now on.";
        }
        if (event instanceof SyncEvent.LeadMerged e) {
            return e.otherLead().map(other -> "A rep merged the lead's record in " + crm + " into lead " + other
                    + "'s record; this lead keeps no record there.")
                    .orElse("A rep merged the lead's record in " + crm + " into another; the lead lives on in it.");
        }
        if (event instanceof SyncEvent.PushRun e) {
            return "Sent " + count(e.records(), "lead") + " to " + crm + ": " + e.written() + " written"
                    + (e.failed() > 0 ? ", " + e.failed() + " failed" : "")
                    + (e.retrying() > 0 ? ", " + e.retrying() + " to retry" : "") + ", in " + count(e.crmCalls(),
                    "CRM call") + (e.bulk() ? " (a Bulk API job)" : "") + e.stopped().map(s -> ". Stopped: " + s)
                    .orElse("") + ".";
        }
        if (event instanceof SyncEvent.PullRun e) {
            return "Checked " + crm + " for changes: " + count(e.read(), "record") + " read, " + e.updated()
                    + " updated here" + (e.created() > 0 ? ", " + e.created() + " created here" : "")
                    + (e.conflicts() > 0 ? ", " + count(e.conflicts(),
                    "conflict") + " settled" : "") + (e.deleted() > 0 ? ", " + e.deleted() + " deleted in " + crm : "")
                    + e.stopped().map(s -> ". Stopped: " + s).orElse("") + ".";
        }
        if (event instanceof SyncEvent.SyncNowRun e) {
            return "Sync now sent every lead to " + crm + ": " + e.created() + " created, " + e.updated()
                    + " updated" + (e.skipped() > 0 ? ", " + e.skipped() + " skipped" : "")
                    + (e.failed() > 0 ? ", " + e.failed() + " failed" : "") + ", in " + count(e.crmCalls(), "CRM call")
                    + ".";
        }
        if (event instanceof SyncEvent.SettingsChanged e) {
            return "Changed the sync settings of " + crm + ": " + String.join("; ", e.changes().stream()
                    .map(c -> ActionLabels.setting(c.setting()) + " from " + ActionLabels.value(c.before()) + " to "
                            + ActionLabels.value(c.after())).toList()) + ".";
        }
        if (event instanceof SyncEvent.Connected e) {
            return "Connected " + crm + " as " + e.userEmail() + " to " + e.orgName() + ".";
        }
        return "Disconnected " + crm + "; the records stay in " + crm + ".";
    }

    /** The record in its CRM: a Salesforce Lightning page or a HubSpot contact. */
    static Optional<Map<String, String>> link(Optional<CrmConnection> connection, String recordId) {
        if (connection.isEmpty()) {
            return Optional.empty();
        }
        CrmConnection c = connection.get();
        String id = URLEncoder.encode(recordId, StandardCharsets.UTF_8);
        Optional<String> url = Optional.empty();
        if (c.kind() == CrmKind.SALESFORCE) {
            // Lightning opens any record by its id alone; the prefix names the object for a readable path.
            String object = recordId.startsWith("00Q") ? "Lead/" : recordId.startsWith("003") ? "Contact/"
                    : recordId.startsWith("001") ? "Account/" : "";
            url = c.identity().flatMap(identity -> identity.instanceUrl())
                    .map(base -> base.replaceAll("/+$", "") + "/lightning/r/" + object + id + "/view");
        } else if (c.kind() == CrmKind.HUBSPOT) {
            url = c.identity().map(identity -> "https://app.hubspot.com/contacts/"
                    + URLEncoder.encode(identity.orgId(), StandardCharsets.UTF_8) + "/record/0-1/" + id);
        }
        String label = "Open in " + ConnectionViews.kindName(c.kind());
        return url.map(href -> Map.of("href", href, "label", label, "id", recordId));
    }

    private static List<Map<String, Object>> diffs(List<FieldDiff> fields) {
        return fields.stream().filter(FieldDiff::changed).map(f -> change(f.field(), f.before(), f.after(), null))
                .toList();
    }

    private static Map<String, Object> change(LeadField field, Optional<String> before, Optional<String> after,
                                              String note) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("field", ActionLabels.field(field));
        row.put("before", before.map(EventViews::shortened).orElse(null));
        row.put("after", after.map(EventViews::shortened).orElse(null));
        row.put("note", note);
        return row;
    }

    private static String flow(PulledField.Flow flow, String crm) {
        return switch (flow) {
            case TAKEN -> "from " + crm;
            case OWED_TO_CRM -> "LeadSync's value, sent to " + crm;
            case HELD_FROM_APP -> "LeadSync's change, kept here (the field only syncs from " + crm + ")";
            case HELD_FROM_CRM -> crm + "'s change, not taken (the field only syncs to " + crm + ")";
        };
    }

    private static String rule(LeadField field, ConflictResolution conflict, String crm) {
        String winner = conflict.winner() == Side.CRM ? crm + "'s value" : "LeadSync's value";
        return ActionLabels.field(field) + " changed on both sides (LeadSync: " + quote(conflict.appValue()) + ", "
                + crm + ": " + quote(conflict.crmValue()) + "); " + winner + " won by the rule \""
                + ActionLabels.value(conflict.rule().name()) + "\".";
    }

    private static String trigger(SyncEvent.Trigger trigger) {
        return switch (trigger) {
            case CHANGE -> "after the lead changed";
            case PULL -> "to send back LeadSync's values";
            case BACKFILL -> "in a backfill";
            case RESYNC -> "in a resync";
            case SYNC_NOW -> "in Sync now";
        };
    }

    private static String actor(String actor) {
        if (actor.equals("sync")) {
            return "LeadSync";
        }
        if (actor.startsWith("api-key:")) {
            // The key's public prefix names it; the rest would only widen the column.
            String key = actor.substring("api-key:".length());
            return "API key " + (key.length() > 12 ? key.substring(0, 12) + "\u2026" : key);
        }
        return actor.startsWith("user:") ? actor.substring("user:".length()) : actor;
    }

    private static String quote(Optional<String> value) {
        return value.map(v -> "\u201c" + shortened(v) + "\u201d").orElse("no value");
    }

    private static String shortened(String value) {
        return value.length() > 80 ? value.substring(0, 80) + "\u2026" : value;
    }

    private static String count(long n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
