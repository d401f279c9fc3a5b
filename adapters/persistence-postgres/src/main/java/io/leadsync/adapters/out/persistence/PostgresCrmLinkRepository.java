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
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    @Override
    public void save(CrmLink link) {
        jdbc.update("insert into crm_links (workspace_id, connection_id, lead_id, crm_record_id, last_synced, "
                + "crm_modified_at, last_synced_at, deleted_in_crm, converted_record_id, converted_account_id, "
                + "converted_on, org_id) values (?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?, ?, ?, "
                + "(select identity_org_id from crm_connections where id = ?)) "
                + "on conflict (workspace_id, connection_id, lead_id) do update set crm_record_id = excluded.crm_record_id, "
                + "last_synced = excluded.last_synced, crm_modified_at = excluded.crm_modified_at, "
                + "last_synced_at = excluded.last_synced_at, deleted_in_crm = excluded.deleted_in_crm, "
                + "converted_record_id = excluded.converted_record_id, "
                + "converted_account_id = excluded.converted_account_id, converted_on = excluded.converted_on, "
                + "org_id = excluded.org_id", statement -> {
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
        });
    }

    @Override
    public void saveAll(List<CrmLink> links) {
        // One statement for a push batch's links (one per lead: a batch holds each lead once, the last one wins).
        Map<List<Object>, CrmLink> unique = new LinkedHashMap<>();
        links.forEach(link -> unique.put(List.of(link.workspaceId(), link.connectionId(), link.leadId()), link));
        if (unique.isEmpty()) {
            return;
        }
        List<CrmLink> rows = List.copyOf(unique.values());
        jdbc.update("insert into crm_links (workspace_id, connection_id, lead_id, crm_record_id, last_synced, "
                + "crm_modified_at, last_synced_at, deleted_in_crm, converted_record_id, converted_account_id, "
                + "converted_on, org_id) select s.workspace_id, s.connection_id, s.lead_id, s.crm_record_id, "
                + "s.last_synced::jsonb, s.crm_modified_at::timestamptz, s.last_synced_at::timestamptz, s.deleted_in_crm, "
                + "s.converted_record_id, s.converted_account_id, s.converted_on::date, c.identity_org_id "
                + "from unnest(?::uuid[], ?::uuid[], ?::varchar[], ?::varchar[], ?::text[], ?::text[], ?::text[], "
                + "?::boolean[], ?::varchar[], ?::varchar[], ?::text[]) as s(workspace_id, connection_id, lead_id, "
                + "crm_record_id, last_synced, crm_modified_at, last_synced_at, deleted_in_crm, converted_record_id, "
                + "converted_account_id, converted_on) left join crm_connections c on c.id = s.connection_id "
                + "on conflict (workspace_id, connection_id, lead_id) do update set crm_record_id = excluded.crm_record_id, "
                + "last_synced = excluded.last_synced, crm_modified_at = excluded.crm_modified_at, "
                + "last_synced_at = excluded.last_synced_at, deleted_in_crm = excluded.deleted_in_crm, "
                + "converted_record_id = excluded.converted_record_id, "
                + "converted_account_id = excluded.converted_account_id, converted_on = excluded.converted_on, "
                + "org_id = excluded.org_id", statement -> {
            java.sql.Connection connection = statement.getConnection();
            statement.setArray(1, connection.createArrayOf("uuid", rows.stream()
                    .map(link -> link.workspaceId().value()).toArray()));
            statement.setArray(2, connection.createArrayOf("uuid", rows.stream()
                    .map(link -> link.connectionId().value()).toArray()));
            statement.setArray(3, connection.createArrayOf("varchar", rows.stream()
                    .map(link -> link.leadId().value()).toArray()));
            statement.setArray(4, connection.createArrayOf("varchar", rows.stream()
                    .map(CrmLink::crmRecordId).toArray()));
            statement.setArray(5, connection.createArrayOf("text", rows.stream()
                    .map(link -> JsonColumn.write(LinkMapper.toColumn(link.lastSynced()))).toArray()));
            statement.setArray(6, connection.createArrayOf("text", rows.stream()
                    .map(link -> link.crmModifiedAt().map(Object::toString).orElse(null)).toArray()));
            statement.setArray(7, connection.createArrayOf("text", rows.stream()
                    .map(link -> link.lastSyncedAt().toString()).toArray()));
            statement.setArray(8, connection.createArrayOf("boolean", rows.stream()
                    .map(CrmLink::deletedInCrm).toArray()));
            statement.setArray(9, connection.createArrayOf("varchar", rows.stream()
                    .map(link -> link.conversion().map(CrmConversion::convertedRecordId).orElse(null)).toArray()));
            statement.setArray(10, connection.createArrayOf("varchar", rows.stream()
                    .map(link -> link.conversion().flatMap(CrmConversion::accountId).orElse(null)).toArray()));
            statement.setArray(11, connection.createArrayOf("text", rows.stream()
                    .map(link -> link.conversion().flatMap(CrmConversion::convertedOn).map(Object::toString)
                            .orElse(null)).toArray()));
        });
    }

    @Override
    public Map<LeadId, CrmLink> findAll(WorkspaceId workspaceId, ConnectionId connectionId,
                                        Collection<LeadId> leadIds) {
        Map<LeadId, CrmLink> found = new LinkedHashMap<>();
        if (leadIds.isEmpty()) {
            return found;
        }
        jdbc.list("select " + COLUMNS + " from crm_links where workspace_id = ? and connection_id = ? "
                + "and lead_id = any(?)" + SAME_ORG, statement -> {
            statement.setObject(1, workspaceId.value());
            statement.setObject(2, connectionId.value());
            statement.setArray(3, statement.getConnection().createArrayOf("varchar", leadIds.stream()
                    .map(LeadId::value).toArray()));
        }, PostgresCrmLinkRepository::read).forEach(link -> found.put(link.leadId(), link));
        return found;
    }

    @Override
    public Map<String, CrmLink> findAllByCrmRecordId(WorkspaceId workspaceId, ConnectionId connectionId,
                                                     Collection<String> crmRecordIds) {
        Map<String, CrmLink> found = new LinkedHashMap<>();
        if (crmRecordIds.isEmpty()) {
            return found;
        }
        jdbc.list("select " + COLUMNS + " from crm_links where workspace_id = ? and connection_id = ? "
                + "and crm_record_id = any(?)" + SAME_ORG, statement -> {
            statement.setObject(1, workspaceId.value());
            statement.setObject(2, connectionId.value());
            statement.setArray(3, statement.getConnection().createArrayOf("varchar", crmRecordIds.toArray()));
        }, PostgresCrmLinkRepository::read).forEach(link -> found.put(link.crmRecordId(), link));
        return found;
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
