package io.leadsync.adapters.out.persistence;

import io.leadsync.application.port.out.AgentRoutingRepository;
import io.leadsync.domain.crm.AgentAction;
import io.leadsync.domain.crm.ConnectionId;
import io.leadsync.domain.crm.RoutingRules;
import io.leadsync.domain.workspace.WorkspaceId;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Routing rules as one row per rule: scope ACTION (by action name), AGENT (by agent id) or DEFAULT. */
@Singleton
final class PostgresAgentRoutingRepository implements AgentRoutingRepository {
    private record RuleRow(String scope, String key, List<ConnectionId> targets) {
    }

    private final Jdbc jdbc;

    PostgresAgentRoutingRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public RoutingRules find(WorkspaceId workspaceId) {
        Map<AgentAction, List<ConnectionId>> actions = new EnumMap<>(AgentAction.class);
        Map<String, List<ConnectionId>> agents = new LinkedHashMap<>();
        List<ConnectionId> defaults = new ArrayList<>();
        for (RuleRow row : jdbc.list("select scope, rule_key, connection_ids from agent_routing where workspace_id = ? "
                + "order by scope, rule_key", statement -> statement.setObject(1, workspaceId.value()),
                PostgresAgentRoutingRepository::read)) {
            switch (row.scope()) {
                case "ACTION" -> actions.put(AgentAction.byApiName(row.key()).orElseThrow(() ->
                        new IllegalStateException("stored rule for an unknown action " + row.key())), row.targets());
                case "AGENT" -> agents.put(row.key(), row.targets());
                case "DEFAULT" -> defaults.addAll(row.targets());
                default -> throw new IllegalStateException("stored rule of an unknown scope " + row.scope());
            }
        }
        return new RoutingRules(actions, agents, defaults);
    }

    @Override
    public void replace(WorkspaceId workspaceId, RoutingRules rules) {
        jdbc.update("delete from agent_routing where workspace_id = ?",
                statement -> statement.setObject(1, workspaceId.value()));
        rules.byAction().forEach((action, targets) -> insert(workspaceId, "ACTION", action.apiName(), targets));
        rules.byAgent().forEach((agent, targets) -> insert(workspaceId, "AGENT", agent, targets));
        if (!rules.defaults().isEmpty()) {
            insert(workspaceId, "DEFAULT", "", rules.defaults());
        }
    }

    private void insert(WorkspaceId workspaceId, String scope, String key, List<ConnectionId> targets) {
        jdbc.update("insert into agent_routing (workspace_id, scope, rule_key, connection_ids) values (?, ?, ?, ?)",
                statement -> {
                    statement.setObject(1, workspaceId.value());
                    statement.setString(2, scope);
                    statement.setString(3, key);
                    statement.setArray(4, statement.getConnection().createArrayOf("uuid",
                            targets.stream().map(ConnectionId::value).toArray()));
                });
    }

    private static RuleRow read(ResultSet row) throws SQLException {
        List<ConnectionId> targets = new ArrayList<>();
        for (Object id : (Object[]) row.getArray("connection_ids").getArray()) {
            targets.add(new ConnectionId((UUID) id));
        }
        return new RuleRow(row.getString("scope"), row.getString("rule_key"), targets);
    }
}
