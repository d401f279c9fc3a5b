-- Duplicate detection at capture, per workspace (off until an admin turns it on).
create table duplicate_rules (
    workspace_id   uuid primary key references workspaces (id),
    enabled        boolean      not null,
    fields         text[]       not null,
    window_seconds bigint       not null
);

-- Emails and domains a connection must never receive.
create table suppressions (
    workspace_id  uuid         not null references workspaces (id),
    connection_id uuid         not null references crm_connections (id) on delete cascade,
    kind          varchar(8)   not null check (kind in ('EMAIL', 'DOMAIN')),
    value         varchar(255) not null,
    primary key (workspace_id, connection_id, kind, value)
);

-- Duplicate look-ups compare lower-cased values of leads created within the window.
create index leads_by_created on leads (workspace_id, created_at);
