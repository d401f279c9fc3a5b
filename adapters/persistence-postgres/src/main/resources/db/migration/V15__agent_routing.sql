-- Agent actions choose their CRMs (ADR 0020): a change carries its chosen connections; null is every connection.
alter table outbox add column targets uuid[];

-- A workspace's routing rules: per action kind ('ACTION', key = upsertLead ...), per agent ('AGENT', key = agent
-- id) and its default CRM(s) ('DEFAULT', key = ''). Replaced as a whole by the admin API.
create table agent_routing (
    workspace_id   uuid         not null references workspaces (id),
    scope          varchar(16)  not null,
    rule_key       varchar(80)  not null,
    connection_ids uuid[]       not null,
    primary key (workspace_id, scope, rule_key)
);
