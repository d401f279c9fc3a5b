package io.leadsync.domain.lead;

import io.leadsync.domain.workspace.WorkspaceId;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The product's lead in one workspace: every catalog field in canonical form, each with the instant it last changed
 * in LeadSync (the merge's "app changed at"). Changes are all-or-nothing: an input with any bad field changes nothing.
 * {@link #version()} counts the change sets applied, so a store can refuse a write based on a stale read.
 */
public final class Lead {
    /** A value and the instant it was last set. */
    public record FieldState(String value, Instant changedAt) {
        public FieldState {
            Objects.requireNonNull(value, "value");
            Objects.requireNonNull(changedAt, "changedAt");
        }
    }

    private final WorkspaceId workspaceId;
    private final LeadId id;
    private final Instant createdAt;
    private final EnumMap<LeadField, FieldState> fields;
    /** When each field was last cleared; a cleared value is a change too, and the merge needs its instant. */
    private final EnumMap<LeadField, Instant> clearedAt;
    private Instant updatedAt;
    private long version;

    private Lead(WorkspaceId workspaceId, LeadId id, Instant createdAt, Instant updatedAt, long version,
                 Map<LeadField, FieldState> fields, Map<LeadField, Instant> clearedAt) {
        this.workspaceId = Objects.requireNonNull(workspaceId, "workspaceId");
        this.id = Objects.requireNonNull(id, "id");
        this.createdAt = Objects.requireNonNull(createdAt, "createdAt");
        this.updatedAt = Objects.requireNonNull(updatedAt, "updatedAt");
        this.version = version;
        this.fields = new EnumMap<>(LeadField.class);
        this.fields.putAll(fields);
        this.clearedAt = new EnumMap<>(LeadField.class);
        this.clearedAt.putAll(clearedAt);
    }

    /**
     * A new lead from an agent's input. Last name is required; status defaults to {@link LeadStatus#NEW}.
     *
     * @param input raw values by field; a null or blank value means "no value"
     * @throws InvalidLeadException listing every bad field
     */
    public static Lead create(WorkspaceId workspaceId, LeadId id, Map<LeadField, String> input, Instant now) {
        List<FieldViolation> violations = new ArrayList<>();
        Map<LeadField, Optional<String>> values = normaliseAll(id, input, violations);
        values.put(LeadField.LEAD_ID, Optional.of(id.value()));
        if (values.getOrDefault(LeadField.STATUS, Optional.empty()).isEmpty()) {
            values.put(LeadField.STATUS, Optional.of(LeadStatus.NEW.name()));
        }
        boolean lastNameInvalid = violations.stream().anyMatch(v -> v.field().equals(LeadField.LAST_NAME.apiName()));
        if (values.getOrDefault(LeadField.LAST_NAME, Optional.empty()).isEmpty() && !lastNameInvalid) {
            violations.add(new FieldViolation(LeadField.LAST_NAME.apiName(), "is required"));
        }
        throwIfAny(violations);
        Lead lead = new Lead(workspaceId, id, now, now, 0, Map.of(), Map.of());
        lead.write(values, now);
        return lead;
    }

    /** Rebuilds a lead from storage, exactly as it was saved. */
    public static Lead restore(WorkspaceId workspaceId, LeadId id, Instant createdAt, Instant updatedAt, long version,
                               Map<LeadField, FieldState> fields, Map<LeadField, Instant> clearedAt) {
        return new Lead(workspaceId, id, createdAt, updatedAt, version, fields, clearedAt);
    }

    /**
     * Applies an agent's partial update: fields absent from the input stay as they are, a null or blank value clears
     * the field. Values equal to the current ones are no change, so the same input twice changes nothing.
     *
     * @return the fields that changed, empty when nothing did (and then the version stays the same)
     * @throws InvalidLeadException listing every bad field; nothing is changed then
     */
    public List<FieldChange> update(Map<LeadField, String> input, Instant now) {
        List<FieldViolation> violations = new ArrayList<>();
        Map<LeadField, Optional<String>> values = normaliseAll(id, input, violations);
        if (values.containsKey(LeadField.LAST_NAME) && values.get(LeadField.LAST_NAME).isEmpty()) {
            violations.add(new FieldViolation(LeadField.LAST_NAME.apiName(), "is required and cannot be cleared"));
        }
        if (values.containsKey(LeadField.STATUS) && values.get(LeadField.STATUS).isEmpty()) {
            violations.add(new FieldViolation(LeadField.STATUS.apiName(), "cannot be cleared; " + LeadField.STATUS.rule()));
        }
        throwIfAny(violations);
        return write(values, now);
    }

    /** Moves the lead to another status; the same status again is no change. */
    public List<FieldChange> changeStatus(LeadStatus status, Instant now) {
        Objects.requireNonNull(status, "status");
        Map<LeadField, Optional<String>> values = new EnumMap<>(LeadField.class);
        values.put(LeadField.STATUS, Optional.of(status.name()));
        return write(values, now);
    }

    /** The canonical values of the valid fields of {@code input}; every broken rule is added to {@code violations}. */
    private static Map<LeadField, Optional<String>> normaliseAll(LeadId id, Map<LeadField, String> input,
                                                                 List<FieldViolation> violations) {
        Map<LeadField, Optional<String>> values = new EnumMap<>(LeadField.class);
        input.forEach((field, raw) -> {
            try {
                Optional<String> value = field.normalise(raw);
                if (field == LeadField.LEAD_ID) {
                    if (value.isPresent() && !value.get().equals(id.value())) {
                        violations.add(new FieldViolation(field.apiName(), "cannot be changed; it is " + id.value()));
                    }
                } else {
                    values.put(field, value);
                }
            } catch (InvalidLeadException e) {
                violations.addAll(e.violations());
            }
        });
        return values;
    }

    private static void throwIfAny(List<FieldViolation> violations) {
        if (!violations.isEmpty()) {
            violations.sort((a, b) -> a.field().compareTo(b.field()));
            throw new InvalidLeadException(violations);
        }
    }

    private List<FieldChange> write(Map<LeadField, Optional<String>> values, Instant now) {
        List<FieldChange> changes = new ArrayList<>();
        values.forEach((field, after) -> {
            Optional<String> before = value(field);
            if (before.equals(after)) {
                return;
            }
            changes.add(new FieldChange(field, before, after));
            if (after.isPresent()) {
                fields.put(field, new FieldState(after.get(), now));
                clearedAt.remove(field);
            } else {
                fields.remove(field);
                clearedAt.put(field, now);
            }
        });
        if (!changes.isEmpty()) {
            version++;
            updatedAt = now;
        }
        return Collections.unmodifiableList(changes);
    }

    /** Every field with a value, as changes from "no value": what a new lead brings. */
    public List<FieldChange> asChangesFromNothing() {
        List<FieldChange> changes = new ArrayList<>();
        fields.forEach((field, state) -> changes.add(new FieldChange(field, Optional.empty(), Optional.of(state.value()))));
        return changes;
    }

    public WorkspaceId workspaceId() {
        return workspaceId;
    }

    public LeadId id() {
        return id;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** When any field last changed. */
    public Instant updatedAt() {
        return updatedAt;
    }

    /** How many change sets this lead has had; a new lead is at 1. */
    public long version() {
        return version;
    }

    public Optional<String> value(LeadField field) {
        FieldState state = fields.get(field);
        return state == null ? Optional.empty() : Optional.of(state.value());
    }

    /** When the field last changed, whether it was set or cleared; empty when it never had a value. */
    public Optional<Instant> changedAt(LeadField field) {
        FieldState state = fields.get(field);
        return state != null ? Optional.of(state.changedAt()) : Optional.ofNullable(clearedAt.get(field));
    }

    /** The fields that have a value. */
    public Map<LeadField, FieldState> fields() {
        return Collections.unmodifiableMap(fields);
    }

    /** The fields that were cleared, with when. */
    public Map<LeadField, Instant> clearedFields() {
        return Collections.unmodifiableMap(clearedAt);
    }

    public LeadStatus status() {
        return LeadStatus.valueOf(value(LeadField.STATUS).orElse(LeadStatus.NEW.name()));
    }

    public String lastName() {
        return value(LeadField.LAST_NAME).orElseThrow();
    }

    public Optional<EmailAddress> workEmail() {
        return value(LeadField.WORK_EMAIL).map(EmailAddress::new);
    }

    public Optional<AgentId> agentId() {
        return value(LeadField.AGENT_ID).map(AgentId::new);
    }

    @Override
    public String toString() {
        return "Lead[" + workspaceId + "/" + id + " v" + version + "]";
    }
}
