package io.leadsync.adapters.out.persistence;

import io.leadsync.domain.crm.ConflictPolicy;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.sync.ConflictResolution;
import io.leadsync.domain.sync.FieldDiff;
import io.leadsync.domain.sync.PulledField;
import io.leadsync.domain.sync.Side;
import io.leadsync.domain.sync.SyncEvent;
import io.micronaut.core.type.Argument;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link SyncEvent} as the audit's jsonb column holds it: {@code {"type":"LeadPushed", ...}} with fields by their
 * API names ({@code jobTitle}) and absent values as JSON null. Written by hand rather than by annotations so the domain
 * stays plain Java and the stored shape is what this class says, not what a record's accessor names happen to be.
 * An event this version cannot read (a type from a newer node) reads as none, and the page shows the prose detail.
 */
final class SyncEventJson {
    private static final Argument<Map<String, Object>> OBJECT = Argument.mapOf(String.class, Object.class);

    private SyncEventJson() {
    }

    static String type(SyncEvent event) {
        return event.getClass().getSimpleName();
    }

    static String write(SyncEvent event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", type(event));
        if (event instanceof SyncEvent.LeadPushed e) {
            json.put("trigger", e.trigger().name());
            json.put("crmRecordId", e.crmRecordId().orElse(null));
            json.put("created", e.created());
            json.put("fields", diffs(e.fields()));
        } else if (event instanceof SyncEvent.DeliveryFailed e) {
            json.put("trigger", e.trigger().name());
            json.put("crmCode", e.crmCode().orElse(null));
            json.put("message", e.message());
            json.put("attempts", e.attempts());
            json.put("retryAt", e.retryAt().map(Instant::toString).orElse(null));
            json.put("fields", diffs(e.fields()));
        } else if (event instanceof SyncEvent.LeadSkipped e) {
            json.put("reason", e.reason());
        } else if (event instanceof SyncEvent.LeadPulled e) {
            json.put("crmRecordId", e.crmRecordId());
            List<Map<String, Object>> fields = new ArrayList<>();
            for (PulledField f : e.fields()) {
                Map<String, Object> field = new LinkedHashMap<>();
                field.put("field", f.field().apiName());
                field.put("before", f.before().orElse(null));
                field.put("after", f.after().orElse(null));
                field.put("flow", f.flow().name());
                f.conflict().ifPresent(c -> {
                    Map<String, Object> conflict = new LinkedHashMap<>();
                    conflict.put("rule", c.rule().name());
                    conflict.put("winner", c.winner().name());
                    conflict.put("appValue", c.appValue().orElse(null));
                    conflict.put("crmValue", c.crmValue().orElse(null));
                    field.put("conflict", conflict);
                });
                fields.add(field);
            }
            json.put("fields", fields);
        } else if (event instanceof SyncEvent.PullRefused e) {
            json.put("crmRecordId", e.crmRecordId());
            json.put("reason", e.reason());
        } else if (event instanceof SyncEvent.LeadConverted e) {
            json.put("convertedRecordId", e.convertedRecordId());
            json.put("contactId", e.contactId());
            json.put("accountId", e.accountId().orElse(null));
            json.put("noticed", e.noticed());
        } else if (event instanceof SyncEvent.LeadMerged e) {
            json.put("mergedRecordId", e.mergedRecordId());
            json.put("survivor", e.survivor());
            json.put("otherLead", e.otherLead().orElse(null));
        } else if (event instanceof SyncEvent.PushRun e) {
            Map<String, Object> triggers = new LinkedHashMap<>();
            (e.triggers().isEmpty() ? Map.<SyncEvent.Trigger, Integer>of() : new EnumMap<>(e.triggers()))
                    .forEach((trigger, count) -> triggers.put(trigger.name(), count));
            json.put("triggers", triggers);
            json.put("records", e.records());
            json.put("written", e.written());
            json.put("failed", e.failed());
            json.put("retrying", e.retrying());
            json.put("crmCalls", e.crmCalls());
            json.put("millis", e.millis());
            json.put("bulk", e.bulk());
            json.put("stopped", e.stopped().orElse(null));
        } else if (event instanceof SyncEvent.PullRun e) {
            json.put("read", e.read());
            json.put("updated", e.updated());
            json.put("created", e.created());
            json.put("unchanged", e.unchanged());
            json.put("unmatched", e.unmatched());
            json.put("refused", e.refused());
            json.put("deleted", e.deleted());
            json.put("converted", e.converted());
            json.put("merged", e.merged());
            json.put("conflicts", e.conflicts());
            json.put("crmCalls", e.crmCalls());
            json.put("millis", e.millis());
            json.put("startedBy", e.startedBy());
            json.put("stopped", e.stopped().orElse(null));
        } else if (event instanceof SyncEvent.SyncNowRun e) {
            json.put("created", e.created());
            json.put("updated", e.updated());
            json.put("skipped", e.skipped());
            json.put("failed", e.failed());
            json.put("crmCalls", e.crmCalls());
            json.put("millis", e.millis());
            json.put("bulk", e.bulk());
        } else if (event instanceof SyncEvent.SettingsChanged e) {
            json.put("changes", e.changes().stream().map(c -> {
                Map<String, Object> change = new LinkedHashMap<>();
                change.put("setting", c.setting());
                change.put("before", c.before());
                change.put("after", c.after());
                return change;
            }).toList());
        } else if (event instanceof SyncEvent.Connected e) {
            json.put("userEmail", e.userEmail());
            json.put("orgName", e.orgName());
        }
        // Disconnected says nothing more: the entry's connection and time are the audit row's.
        return JsonColumn.write(json);
    }

    static Optional<SyncEvent> read(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(read(new Fields(JsonColumn.read(text, OBJECT))));
        } catch (IllegalArgumentException | NullPointerException | ClassCastException e) {
            // Unknown to this version, or damaged: the row's prose detail still tells what happened.
            return Optional.empty();
        }
    }

    private static SyncEvent read(Fields json) {
        return switch (json.text("type")) {
            case "LeadPushed" -> new SyncEvent.LeadPushed(trigger(json), json.optional("crmRecordId"),
                    json.flag("created"), readDiffs(json.list("fields")));
            case "DeliveryFailed" -> new SyncEvent.DeliveryFailed(trigger(json), json.optional("crmCode"),
                    json.text("message"), json.number("attempts"), json.optional("retryAt").map(Instant::parse),
                    readDiffs(json.list("fields")));
            case "LeadSkipped" -> new SyncEvent.LeadSkipped(json.text("reason"));
            case "LeadPulled" -> new SyncEvent.LeadPulled(json.text("crmRecordId"), json.list("fields").stream()
                    .map(f -> new PulledField(field(f.text("field")), f.optional("before"), f.optional("after"),
                            PulledField.Flow.valueOf(f.text("flow")), f.object("conflict").map(c ->
                            new ConflictResolution(ConflictPolicy.valueOf(c.text("rule")), Side.valueOf(c.text("winner")),
                                    c.optional("appValue"), c.optional("crmValue"))))).toList());
            case "PullRefused" -> new SyncEvent.PullRefused(json.text("crmRecordId"), json.text("reason"));
            case "LeadConverted" -> new SyncEvent.LeadConverted(json.text("convertedRecordId"), json.text("contactId"),
                    json.optional("accountId"), json.text("noticed"));
            case "LeadMerged" -> new SyncEvent.LeadMerged(json.text("mergedRecordId"), json.text("survivor"),
                    json.optional("otherLead"));
            case "PushRun" -> {
                Map<SyncEvent.Trigger, Integer> triggers = new EnumMap<>(SyncEvent.Trigger.class);
                json.object("triggers").ifPresent(t -> t.values.forEach((name, count) ->
                        triggers.put(SyncEvent.Trigger.valueOf(name), ((Number) count).intValue())));
                yield new SyncEvent.PushRun(triggers, json.number("records"), json.number("written"),
                        json.number("failed"), json.number("retrying"), json.number("crmCalls"), json.longNumber("millis"),
                        json.flag("bulk"), json.optional("stopped"));
            }
            case "PullRun" -> new SyncEvent.PullRun(json.number("read"), json.number("updated"), json.number("created"),
                    json.number("unchanged"), json.number("unmatched"), json.number("refused"), json.number("deleted"),
                    json.number("converted"), json.number("merged"), json.number("conflicts"), json.number("crmCalls"),
                    json.longNumber("millis"), json.text("startedBy"), json.optional("stopped"));
            case "SyncNowRun" -> new SyncEvent.SyncNowRun(json.number("created"), json.number("updated"),
                    json.number("skipped"), json.number("failed"), json.number("crmCalls"), json.longNumber("millis"),
                    json.flag("bulk"));
            case "SettingsChanged" -> new SyncEvent.SettingsChanged(json.list("changes").stream()
                    .map(c -> new SyncEvent.SettingChange(c.text("setting"), c.text("before"), c.text("after")))
                    .toList());
            case "Connected" -> new SyncEvent.Connected(json.text("userEmail"), json.text("orgName"));
            case "Disconnected" -> new SyncEvent.Disconnected();
            default -> null;
        };
    }

    private static SyncEvent.Trigger trigger(Fields json) {
        return SyncEvent.Trigger.valueOf(json.text("trigger"));
    }

    private static List<Map<String, Object>> diffs(List<FieldDiff> diffs) {
        return diffs.stream().map(d -> {
            Map<String, Object> diff = new LinkedHashMap<>();
            diff.put("field", d.field().apiName());
            diff.put("before", d.before().orElse(null));
            diff.put("after", d.after().orElse(null));
            return diff;
        }).toList();
    }

    private static List<FieldDiff> readDiffs(List<Fields> json) {
        return json.stream().map(d -> new FieldDiff(field(d.text("field")), d.optional("before"), d.optional("after")))
                .toList();
    }

    private static LeadField field(String apiName) {
        return LeadField.byApiName(apiName).orElseThrow(() -> new IllegalArgumentException(apiName));
    }

    /** A JSON object read as untyped maps, lists, strings, numbers and booleans. */
    private record Fields(Map<String, Object> values) {
        String text(String name) {
            return (String) java.util.Objects.requireNonNull(values.get(name), name);
        }

        Optional<String> optional(String name) {
            return Optional.ofNullable((String) values.get(name));
        }

        boolean flag(String name) {
            return Boolean.TRUE.equals(values.get(name));
        }

        int number(String name) {
            return ((Number) values.get(name)).intValue();
        }

        long longNumber(String name) {
            return ((Number) values.get(name)).longValue();
        }

        @SuppressWarnings("unchecked")
        Optional<Fields> object(String name) {
            return Optional.ofNullable((Map<String, Object>) values.get(name)).map(Fields::new);
        }

        @SuppressWarnings("unchecked")
        List<Fields> list(String name) {
            List<Object> items = (List<Object>) values.get(name);
            return items == null ? List.of() : items.stream().map(item -> new Fields((Map<String, Object>) item))
                    .toList();
        }
    }
}
