package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.CrmLinkRepository;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.CrmConversion;
import io.leadsync.domain.crm.CrmLink;
import io.leadsync.domain.lead.LeadId;
import io.leadsync.domain.workspace.WorkspaceId;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * CRM links and their per-field merge bases in PostgreSQL. Each link carries the org it was made in (the connection's
 * org when it was saved) and is read only while the connection reaches that org, so links to another org's records
 * are never used (V37).
 */
@Singleton
final class PostgresCrmLinkRepository implements CrmLinkRepository {
    private static final String COLUMNS = "workspace_id, connection_id, lead_id, crm_record_id, "
            + "last_synced::text as last_synced, crm_modified_at, last_synced_at, deleted_in_crm, converted_record_id, "
            + "converted_account_id, converted_on";
    /** Links made in the org the connection reaches now. */
    private static final String SAME_ORG = " and org_id is not distinct from (select c.identity_org_id from "
            + "crm_connections c where c.id = crm_links.connection_id)";

    private final Jdbc jdbc;

    PostgresCrmLinkRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    private static final String SAVE = "insert into crm_links (workspace_id, connection_id, lead_id, crm_record_id, "
            + "last_synced, crm_modified_at, last_synced_at, deleted_in_crm, converted_record_id, converted_account_id, "
            + "converted_on, org_id) values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, "
            + "(select identity_org_id from crm_connections where id = ?)) "
            + "on conflict (workspace_id, connection_id, lead_id) do update set crm_record_id = excluded.crm_record_id, "
            + "last_synced = excluded.last_synced, crm_modified_at = excluded.crm_modified_at, "
            + "last_synced_at = excluded.last_synced_at, deleted_in_crm = excluded.deleted_in_crm, "
            + "converted_record_id = excluded.converted_record_id, "
            + "converted_account_id = excluded.converted_account_id, converted_on = excluded.converted_on, "
            + "org_id = excluded.org_id";

    @Override
    public void save(CrmLink link) {
        jdbc.update(SAVE, statement -> bindSave(statement, link));
    }

    @Override
    public void saveAll(List<CrmLink> links) {
        jdbc.batch(SAVE, links, PostgresCrmLinkRepository::bindSave);
    }

    private static void bindSave(java.sql.PreparedStatement statement, CrmLink link) throws SQLException {
        statement.setObject(1, link.workspaceId().value());
        statement.setObject(2, link.connectionId().value());
        statement.setString(3, link.leadId().value());
        statement.setString(4, link.crmRecordId());
        statement.setString(5, JsonColumn.write(LinkMapper.toColumn(link.lastSynced())));
        statement.setObject(6, Jdbc.timestamp(link.crmModifiedAt().orElse(null)));
        statement.setObject(7, Jdbc.timestamp(link.lastSyncedAt()));
        statement.setBoolean(8, link.deletedInCrm());
        Optional<CrmConversion> conversion = link.conversion();
        statement.setString(9, conversion.map(CrmConversion::convertedRecordId).orElse(null));
        statement.setString(10, conversion.flatMap(CrmConversion::accountId).orElse(null));
        statement.setObject(11, conversion.flatMap(CrmConversion::convertedOn).orElse(null));
        statement.setObject(12, link.connectionId().value());
    }

    @Override
    public int forgetConnection(WorkspaceId workspaceId, ConnectionId connectionId) {
        return jdbc.update("delete from crm_links where workspace_id = ? and connection_id = ?", statement -> {
            statement.setObject(1, workspaceId.value());
            statement.setObject(2, connectionId.value());
        });
    }

    @Override
    public Optional<CrmLink> find(WorkspaceId workspaceId, ConnectionId connectionId, LeadId leadId) {
        return jdbc.one("select " + COLUMNS + " from crm_links where workspace_id = ? and connection_id = ? and lead_id = ?"
                        + SAME_ORG,
                statement -> {
                    statement.setObject(1, workspaceId.value());
                    statement.setObject(2, connectionId.value());
                    statement.setString(3, leadId.value());
                }, PostgresCrmLinkRepository::read);
    }

    @Override
    public Optional<CrmLink> findByCrmRecordId(WorkspaceId workspaceId, ConnectionId connectionId, String crmRecordId) {
        return jdbc.one("select " + COLUMNS + " from crm_links where workspace_id = ? and connection_id = ? "
                + "and crm_record_id = ?" + SAME_ORG, statement -> {
            statement.setObject(1, workspaceId.value());
            statement.setObject(2, connectionId.value());
            statement.setString(3, crmRecordId);
        }, PostgresCrmLinkRepository::read);
    }

    @Override
    public java.util.Map<String, CrmLink> findByCrmRecordIds(WorkspaceId workspaceId, ConnectionId connectionId,
                                                            java.util.Collection<String> crmRecordIds) {
        java.util.Map<String, CrmLink> found = new java.util.HashMap<>();
        if (crmRecordIds.isEmpty()) {
            return found;
        }
        jdbc.list("select " + COLUMNS + " from crm_links where workspace_id = ? and connection_id = ? "
                + "and crm_record_id = any(?)" + SAME_ORG, statement -> {
            statement.setObject(1, workspaceId.value());
            statement.setObject(2, connectionId.value());
            statement.setArray(3, statement.getConnection().createArrayOf("text", crmRecordIds.stream().distinct()
                    .toArray()));
        }, PostgresCrmLinkRepository::read).forEach(link -> found.put(link.crmRecordId(), link));
        return found;
    }

    @Override
    public List<CrmLink> forLead(WorkspaceId workspaceId, LeadId leadId) {
        return jdbc.list("select " + COLUMNS + " from crm_links where workspace_id = ? and lead_id = ?" + SAME_ORG
                + " order by connection_id", statement -> {
            statement.setObject(1, workspaceId.value());
            statement.setString(2, leadId.value());
        }, PostgresCrmLinkRepository::read);
    }

    private static CrmLink read(ResultSet row) throws SQLException {
        return new CrmLink(new WorkspaceId(row.getObject("workspace_id", UUID.class)),
                new ConnectionId(row.getObject("connection_id", UUID.class)), new LeadId(row.getString("lead_id")),
                row.getString("crm_record_id"), LinkMapper.toDomain(JsonColumn.readTextMap(row.getString("last_synced"))),
                Optional.ofNullable(Jdbc.instant(row, "crm_modified_at")), Jdbc.instant(row, "last_synced_at"),
                row.getBoolean("deleted_in_crm"), conversion(row));
    }

    /** A converted link names the Contact as its record; the columns say what was converted. */
    private static Optional<CrmConversion> conversion(ResultSet row) throws SQLException {
        String converted = row.getString("converted_record_id");
        if (converted == null) {
            return Optional.empty();
        }
        return Optional.of(new CrmConversion(converted, row.getString("crm_record_id"),
                Optional.ofNullable(row.getString("converted_account_id")),
                Optional.ofNullable(row.getObject("converted_on", java.time.LocalDate.class))));
    }
}
