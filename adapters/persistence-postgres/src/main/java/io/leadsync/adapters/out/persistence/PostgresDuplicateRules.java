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
}
