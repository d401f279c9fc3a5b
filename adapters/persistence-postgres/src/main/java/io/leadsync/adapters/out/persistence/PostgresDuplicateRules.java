package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.DuplicateRules;
import io.leadsync.domain.lead.DuplicateRule;
import io.leadsync.domain.lead.LeadField;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Duplicate rules, and the duplicate look-up over the leads' jsonb values. Concurrent captures of one person are
 * serialised by a transaction-scoped advisory lock per workspace, field and value, taken in a fixed order.
 */
@Singleton
final class PostgresDuplicateRules implements DuplicateRules {
    private final Jdbc jdbc;

    PostgresDuplicateRules(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public DuplicateRule find(WorkspaceId workspaceId) {
        return jdbc.one("select enabled, fields, window_seconds from duplicate_rules where workspace_id = ?",
                statement -> statement.setObject(1, workspaceId.value()), row -> {
                    List<LeadField> fields = new ArrayList<>();
                    for (Object name : (Object[]) row.getArray("fields").getArray()) {
                        fields.add(LeadField.byApiName((String) name).orElseThrow(() ->
                                new IllegalStateException("stored duplicate rule has an unknown field " + name)));
                    }
                    return new DuplicateRule(row.getBoolean("enabled"), fields,
                            Duration.ofSeconds(row.getLong("window_seconds")));
                }).orElse(DuplicateRule.OFF);
    }

    @Override
    public void replace(WorkspaceId workspaceId, DuplicateRule rule) {
        jdbc.update("insert into duplicate_rules (workspace_id, enabled, fields, window_seconds) values (?, ?, ?, ?) "
                + "on conflict (workspace_id) do update set enabled = excluded.enabled, fields = excluded.fields, "
                + "window_seconds = excluded.window_seconds", statement -> {
            statement.setObject(1, workspaceId.value());
            statement.setBoolean(2, rule.enabled());
            statement.setArray(3, statement.getConnection().createArrayOf("text",
                    rule.fields().stream().map(LeadField::apiName).toArray()));
            statement.setLong(4, rule.window().toSeconds());
        });
    }

    @Override
    public Optional<LeadId> findDuplicate(WorkspaceId workspaceId, LeadId newLead, Map<LeadField, String> keys,
                                          Instant since) {
        if (keys.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> ordered = new TreeMap<>();
        keys.forEach((field, value) -> ordered.put(field.apiName(), value));
        for (Map.Entry<String, String> key : ordered.entrySet()) {
            jdbc.list("select pg_advisory_xact_lock(hashtext(?))", statement -> statement.setString(1,
                    "duplicate:" + workspaceId.value() + ":" + key.getKey() + ":" + key.getValue()), row -> 1);
        }
        StringBuilder sql = new StringBuilder("select lead_id from leads where workspace_id = ? and lead_id <> ? "
                + "and created_at >= ? and (");
        List<String> values = new ArrayList<>();
        ordered.forEach((apiName, value) -> {
            if (!values.isEmpty()) {
                sql.append(" or ");
            }
            // The field name is a catalog api name (letters only), never request text.
            sql.append("lower(field_values ->> '").append(apiName).append("') = ?");
            values.add(value);
        });
        sql.append(") order by created_at, lead_id limit 1");
        return jdbc.one(sql.toString(), statement -> {
            statement.setObject(1, workspaceId.value());
            statement.setString(2, newLead.value());
            statement.setObject(3, Jdbc.timestamp(since));
            for (int i = 0; i < values.size(); i++) {
                statement.setString(4 + i, values.get(i));
            }
        }, row -> new LeadId(row.getString("lead_id")));
    }

    @Override
    public Map<LeadId, LeadId> findDuplicates(WorkspaceId workspaceId, Map<LeadId, Map<LeadField, String>> keysByLead,
                                              Instant since) {
        Map<LeadId, LeadId> found = new java.util.LinkedHashMap<>();
        List<String> newLeads = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        List<String> values = new ArrayList<>();
        java.util.Set<String> locks = new java.util.TreeSet<>();
        keysByLead.forEach((lead, keys) -> keys.forEach((field, value) -> {
            newLeads.add(lead.value());
            fields.add(field.apiName());
            values.add(value);
            locks.add("duplicate:" + workspaceId.value() + ":" + field.apiName() + ":" + value);
        }));
        if (values.isEmpty()) {
            return found;
        }
        // Every key's lock in one statement, in the order single captures take theirs (sorted by key; "C" compares
        // as Java does), so a batch and a capture of the same person wait for each other instead of deadlocking. The
        // ORDER BY in the subquery keeps it from being flattened, so the locks are taken in that order.
        jdbc.list("select count(pg_advisory_xact_lock(hashtext(k))) as locked from (select k from unnest(?::text[]) "
                + "as k order by k collate \"C\") as ordered", statement -> statement.setArray(1,
                statement.getConnection().createArrayOf("text", locks.toArray())), row -> 1);
        // One pass over the window for every key of every new lead, instead of one per lead; the oldest match wins.
        Map<String, String[]> oldest = new java.util.HashMap<>();
        jdbc.list("select k.new_lead, l.lead_id, l.created_at from leads l join unnest(?::text[], ?::text[], "
                + "?::text[]) as k(new_lead, field, value) on lower(l.field_values ->> k.field) = k.value "
                + "and l.lead_id <> k.new_lead where l.workspace_id = ? and l.created_at >= ? "
                + "order by l.created_at, l.lead_id", statement -> {
            statement.setArray(1, statement.getConnection().createArrayOf("text", newLeads.toArray()));
            statement.setArray(2, statement.getConnection().createArrayOf("text", fields.toArray()));
            statement.setArray(3, statement.getConnection().createArrayOf("text", values.toArray()));
            statement.setObject(4, workspaceId.value());
            statement.setObject(5, Jdbc.timestamp(since));
        }, row -> new String[] {row.getString("new_lead"), row.getString("lead_id")})
                .forEach(match -> oldest.putIfAbsent(match[0], match));
        keysByLead.keySet().forEach(lead -> java.util.Optional.ofNullable(oldest.get(lead.value()))
                .ifPresent(match -> found.put(lead, new LeadId(match[1]))));
        return found;
    }
}
