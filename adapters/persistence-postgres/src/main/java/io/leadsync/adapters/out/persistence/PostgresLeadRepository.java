package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.ConcurrentLeadChangeException;
import io.leadsync.application.port.out.LeadAlreadyExistsException;
import io.leadsync.application.port.out.LeadCriteria;
import io.leadsync.application.port.out.LeadRepository;
import io.leadsync.application.port.out.LeadSlice;
import io.leadsync.domain.lead.Lead;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Leads in PostgreSQL, with optimistic versions so two writers can never silently overwrite each other. */
@Singleton
final class PostgresLeadRepository implements LeadRepository {
    private static final String COLUMNS = "workspace_id, lead_id, last_name, work_email, status, agent_id, created_at, "
            + "updated_at, version, field_values::text as field_values, changed_at::text as changed_at, "
            + "cleared_at::text as cleared_at";

    private final Jdbc jdbc;

    PostgresLeadRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Optional<Lead> find(WorkspaceId workspaceId, LeadId leadId) {
        return jdbc.one("select " + COLUMNS + " from leads where workspace_id = ? and lead_id = ?", statement -> {
            statement.setObject(1, workspaceId.value());
            statement.setString(2, leadId.value());
        }, PostgresLeadRepository::read).map(LeadMapper::toDomain);
    }

    @Override
    public Map<LeadId, Lead> findAll(WorkspaceId workspaceId, Collection<LeadId> leadIds) {
        Map<LeadId, Lead> found = new LinkedHashMap<>();
        if (leadIds.isEmpty()) {
            return found;
        }
        // One statement for a push batch's leads instead of one per lead.
        jdbc.list("select " + COLUMNS + " from leads where workspace_id = ? and lead_id = any(?)", statement -> {
            statement.setObject(1, workspaceId.value());
            statement.setArray(2, statement.getConnection().createArrayOf("varchar", leadIds.stream()
                    .map(LeadId::value).toArray()));
        }, PostgresLeadRepository::read).stream().map(LeadMapper::toDomain)
                .forEach(lead -> found.put(lead.id(), lead));
        return found;
    }

    @Override
    public Optional<Lead> findForChange(WorkspaceId workspaceId, LeadId leadId) {
        // The row lock makes a second writer of the same lead wait for this transaction instead of failing its
        // version check; a lead that does not exist yet is still protected by the primary key on insert.
        return jdbc.one("select " + COLUMNS + " from leads where workspace_id = ? and lead_id = ? for update", statement -> {
            statement.setObject(1, workspaceId.value());
            statement.setString(2, leadId.value());
        }, PostgresLeadRepository::read).map(LeadMapper::toDomain);
    }

    @Override
    public List<Lead> findAllForChange(WorkspaceId workspaceId, java.util.Collection<LeadId> leadIds) {
        if (leadIds.isEmpty()) {
            return List.of();
        }
        // Locked in lead-id order, so two writers locking overlapping sets rarely wait on each other in a circle; a
        // writer whose uncommitted new lead another one waits for still can, and PostgreSQL then ends one of them:
        // that one is told of a concurrent change, and runs again on fresh reads.
        try {
            return lockAll(workspaceId, leadIds);
        } catch (DatabaseFailure failure) {
            if ("40P01".equals(failure.sqlState())) {
                throw new ConcurrentLeadChangeException(leadIds.iterator().next(), 0);
            }
            throw failure;
        }
    }

    private List<Lead> lockAll(WorkspaceId workspaceId, java.util.Collection<LeadId> leadIds) {
        return jdbc.list("select " + COLUMNS + " from leads where workspace_id = ? and lead_id = any(?) "
                + "order by lead_id for update", statement -> {
            statement.setObject(1, workspaceId.value());
            statement.setArray(2, statement.getConnection().createArrayOf("text",
                    leadIds.stream().map(LeadId::value).distinct().toArray()));
        }, PostgresLeadRepository::read).stream().map(LeadMapper::toDomain).toList();
    }

    @Override
    public java.util.Map<String, Lead> findForChangeByWorkEmails(WorkspaceId workspaceId,
                                                                java.util.Collection<String> workEmails) {
        java.util.Map<String, Lead> found = new java.util.HashMap<>();
        if (workEmails.isEmpty()) {
            return found;
        }
        // The oldest lead per e-mail, as findForChangeByWorkEmail; row locks cannot go with DISTINCT ON, hence the
        // outer query.
        jdbc.list("select " + COLUMNS + " from leads where workspace_id = ? and lead_id in (select distinct on "
                + "(work_email) lead_id from leads where workspace_id = ? and work_email = any(?) "
                + "order by work_email, created_at, lead_id) order by lead_id for update", statement -> {
            statement.setObject(1, workspaceId.value());
            statement.setObject(2, workspaceId.value());
            statement.setArray(3, statement.getConnection().createArrayOf("text",
                    workEmails.stream().distinct().toArray()));
        }, PostgresLeadRepository::read).forEach(row -> found.put(row.workEmail(), LeadMapper.toDomain(row)));
        return found;
    }

    @Override
    public void updateAll(List<Lead> leads) {
        List<LeadRow> rows = leads.stream().map(LeadMapper::toRow).toList();
        int[] updated = jdbc.batch(UPDATE, rows, PostgresLeadRepository::bindUpdate);
        for (int i = 0; i < updated.length; i++) {
            if (updated[i] != 1 && updated[i] != java.sql.Statement.SUCCESS_NO_INFO) {
                throw new ConcurrentLeadChangeException(leads.get(i).id(), leads.get(i).version() - 1);
            }
        }
    }

    private static final String INSERT = "insert into leads (workspace_id, lead_id, last_name, work_email, status, "
            + "agent_id, created_at, updated_at, version, field_values, changed_at, cleared_at) "
            + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb)";

    @Override
    public void insert(Lead lead) {
        LeadRow row = LeadMapper.toRow(lead);
        try {
            jdbc.update(INSERT, statement -> bindInsert(statement, row));
        } catch (DatabaseFailure failure) {
            if (failure.isUniqueViolation()) {
                throw new LeadAlreadyExistsException(lead.id());
            }
            throw failure;
        }
    }

    @Override
    public void insertAll(List<Lead> leads) {
        if (leads.isEmpty()) {
            return;
        }
        try {
            jdbc.batch(INSERT, leads.stream().map(LeadMapper::toRow).toList(), PostgresLeadRepository::bindInsert);
        } catch (DatabaseFailure failure) {
            if (failure.isUniqueViolation()) {
                // Which lead the batch met is in the server's message only; the caller retries the whole batch.
                throw new LeadAlreadyExistsException(leads.get(0).id());
            }
            throw failure;
        }
    }

    private static void bindInsert(PreparedStatement statement, LeadRow row) throws SQLException {
        statement.setObject(1, row.workspaceId());
        statement.setString(2, row.leadId());
        bindContent(statement, row, 3);
        statement.setObject(7, Jdbc.timestamp(row.createdAt()));
    }

    private static final String UPDATE = "update leads set last_name = ?, work_email = ?, status = ?, agent_id = ?, "
            + "created_at = ?, updated_at = ?, version = ?, field_values = ?::jsonb, changed_at = ?::jsonb, "
            + "cleared_at = ?::jsonb where workspace_id = ? and lead_id = ? and version = ?";

    @Override
    public void update(Lead lead) {
        LeadRow row = LeadMapper.toRow(lead);
        int updated = jdbc.update(UPDATE, statement -> bindUpdate(statement, row));
        if (updated != 1) {
            throw new ConcurrentLeadChangeException(lead.id(), lead.version() - 1);
        }
    }

    private static void bindUpdate(PreparedStatement statement, LeadRow row) throws SQLException {
        bindContent(statement, row, 1);
        statement.setObject(5, Jdbc.timestamp(row.createdAt()));
        statement.setObject(11, row.workspaceId());
        statement.setString(12, row.leadId());
        statement.setLong(13, row.version() - 1);
    }

    @Override
    public LeadSlice list(LeadCriteria criteria) {
        StringBuilder where = new StringBuilder(" from leads where workspace_id = ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(criteria.workspaceId().value());
        criteria.status().ifPresent(status -> {
            where.append(" and status = ?");
            parameters.add(status.name());
        });
        criteria.agentId().ifPresent(agent -> {
            where.append(" and agent_id = ?");
            parameters.add(agent.value());
        });
        criteria.updatedSince().ifPresent(since -> {
            where.append(" and updated_at >= ?");
            parameters.add(Jdbc.timestamp(since));
        });
        long total = jdbc.one("select count(*)" + where, statement -> bindAll(statement, parameters),
                rows -> rows.getLong(1)).orElse(0L);
        // Newest first, lead id breaking ties, so pages never skip or repeat a lead between requests.
        List<Lead> leads = jdbc.list("select " + COLUMNS + where + " order by updated_at desc, lead_id limit ? offset ?",
                statement -> {
                    bindAll(statement, parameters);
                    statement.setInt(parameters.size() + 1, criteria.limit());
                    statement.setInt(parameters.size() + 2, criteria.offset());
                }, PostgresLeadRepository::read).stream().map(LeadMapper::toDomain).toList();
        return new LeadSlice(leads, total);
    }

    @Override
    public Optional<Lead> findForChangeByWorkEmail(WorkspaceId workspaceId, String workEmail) {
        return jdbc.one("select " + COLUMNS + " from leads where workspace_id = ? and work_email = ? "
                + "order by created_at, lead_id limit 1 for update", statement -> {
            statement.setObject(1, workspaceId.value());
            statement.setString(2, workEmail);
        }, PostgresLeadRepository::read).map(LeadMapper::toDomain);
    }

    @Override
    public List<Lead> listAfter(WorkspaceId workspaceId, Optional<LeadId> after, int limit) {
        // Keyset on the primary key (workspace_id, lead_id): each page is an index range, however large the workspace.
        return jdbc.list("select " + COLUMNS + " from leads where workspace_id = ? and lead_id > ? order by lead_id limit ?",
                statement -> {
                    statement.setObject(1, workspaceId.value());
                    statement.setString(2, after.map(LeadId::value).orElse(""));
                    statement.setInt(3, limit);
                }, PostgresLeadRepository::read).stream().map(LeadMapper::toDomain).toList();
    }

    @Override
    public List<Lead> search(WorkspaceId workspaceId, String text, int limit) {
        // A contains-match, the LIKE wildcards in the text taken literally; fine for an admin's search box.
        String pattern = "%" + text.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
                .replace("_", "\\_") + "%";
        return jdbc.list("select " + COLUMNS + " from leads where workspace_id = ? and (lower(lead_id) like ? "
                        + "or lower(coalesce(work_email, '')) like ? or lower(last_name) like ? "
                        + "or lower(coalesce(field_values->>'firstName', '')) like ? "
                        + "or lower(coalesce(field_values->>'companyName', '')) like ?) "
                        + "order by updated_at desc, lead_id limit ?",
                statement -> {
                    statement.setObject(1, workspaceId.value());
                    for (int i = 2; i <= 6; i++) {
                        statement.setString(i, pattern);
                    }
                    statement.setInt(7, limit);
                }, PostgresLeadRepository::read).stream().map(LeadMapper::toDomain).toList();
    }

    /** Binds last name, email, status, agent, then (after created_at's slot) updated_at onwards, from {@code first}. */
    private static void bindContent(PreparedStatement statement, LeadRow row, int first) throws SQLException {
        statement.setString(first, row.lastName());
        statement.setString(first + 1, row.workEmail());
        statement.setString(first + 2, row.status());
        statement.setString(first + 3, row.agentId());
        statement.setObject(first + 5, Jdbc.timestamp(row.updatedAt()));
        statement.setLong(first + 6, row.version());
        statement.setString(first + 7, JsonColumn.write(row.values()));
        statement.setString(first + 8, JsonColumn.write(row.changedAt()));
        statement.setString(first + 9, JsonColumn.write(row.clearedAt()));
    }

    private static void bindAll(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }

    private static LeadRow read(ResultSet row) throws SQLException {
        return new LeadRow(row.getObject("workspace_id", java.util.UUID.class), row.getString("lead_id"),
                row.getString("last_name"), row.getString("work_email"), row.getString("status"),
                row.getString("agent_id"), Jdbc.instant(row, "created_at"), Jdbc.instant(row, "updated_at"),
                row.getLong("version"), JsonColumn.readTextMap(row.getString("field_values")),
                JsonColumn.readTextMap(row.getString("changed_at")), JsonColumn.readTextMap(row.getString("cleared_at")));
    }
}
