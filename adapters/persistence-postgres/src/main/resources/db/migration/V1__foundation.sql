-- LeadSync's foundation schema. Every table but workspaces carries workspace_id, and every query filters on it.

create table workspaces (
    id           uuid primary key,
    name         varchar(100) not null,
    product_name varchar(100) not null,
    created_at   timestamptz  not null
);

-- Agents' API keys. Only the SHA-256 of a key is kept; the key itself is shown once and never stored.
create table api_keys (
    id           uuid primary key,
    workspace_id uuid         not null references workspaces (id),
    name         varchar(100) not null,
    prefix       varchar(16)  not null,
    secret_hash  char(64)     not null unique,
    created_at   timestamptz  not null,
    revoked_at   timestamptz
);
create index api_keys_by_workspace on api_keys (workspace_id, created_at);

-- Leads by the product's own lead id. Field values live in jsonb by field api name, with the instant each
-- field last changed and the instants fields were cleared; the columns beside them serve the list filters.
create table leads (
    workspace_id uuid        not null references workspaces (id),
    lead_id      varchar(80) not null,
    last_name    varchar(80) not null,
    work_email   varchar(80),
    status       varchar(32) not null,
    agent_id     varchar(80),
    created_at   timestamptz not null,
    updated_at   timestamptz not null,
    version      bigint      not null,
    field_values jsonb       not null,
    changed_at   jsonb       not null,
    cleared_at   jsonb       not null,
    primary key (workspace_id, lead_id)
);
create index leads_by_update on leads (workspace_id, updated_at desc, lead_id);
create index leads_by_status on leads (workspace_id, status, updated_at desc);
create index leads_by_agent on leads (workspace_id, agent_id, updated_at desc);

create table crm_connections (
    id                 uuid primary key,
    workspace_id       uuid         not null references workspaces (id),
    kind               varchar(32)  not null,
    state              varchar(32)  not null,
    state_reason       varchar(1000),
    identity_email     varchar(255),
    identity_org_name  varchar(255),
    identity_org_id    varchar(255),
    identity_instance  varchar(500),
    settings           jsonb        not null,
    mappings           jsonb        not null,
    created_at         timestamptz  not null,
    updated_at         timestamptz  not null
);
create index crm_connections_by_workspace on crm_connections (workspace_id, created_at);

-- One lead in one connection, with the last synced value of every mapped field: the merge base.
create table crm_links (
    workspace_id    uuid         not null,
    connection_id   uuid         not null references crm_connections (id),
    lead_id         varchar(80)  not null,
    crm_record_id   varchar(255) not null,
    last_synced     jsonb        not null,
    crm_modified_at timestamptz,
    last_synced_at  timestamptz  not null,
    deleted_in_crm  boolean      not null,
    primary key (workspace_id, connection_id, lead_id),
    foreign key (workspace_id, lead_id) references leads (workspace_id, lead_id),
    unique (workspace_id, connection_id, crm_record_id)
);
create index crm_links_by_lead on crm_links (workspace_id, lead_id);

-- Every lead change, written in the same transaction as the change. position orders the log; the claim columns
-- are for the sync workers that deliver entries to the CRMs.
create table outbox (
    position      bigserial primary key,
    id            uuid        not null unique,
    workspace_id  uuid        not null,
    lead_id       varchar(80) not null,
    lead_version  bigint      not null,
    created       boolean     not null,
    changes       jsonb       not null,
    source_kind   varchar(16) not null,
    source_ref    varchar(255) not null,
    occurred_at   timestamptz not null,
    claimed_by    varchar(100),
    claimed_until timestamptz,
    attempts      integer     not null default 0,
    foreign key (workspace_id, lead_id) references leads (workspace_id, lead_id)
);
create index outbox_by_lead on outbox (workspace_id, lead_id, position);

create table audit_log (
    id            uuid primary key,
    workspace_id  uuid          not null references workspaces (id),
    occurred_at   timestamptz   not null,
    actor         varchar(255)  not null,
    action        varchar(100)  not null,
    lead_id       varchar(80),
    connection_id uuid,
    detail        text          not null
);
create index audit_log_recent on audit_log (workspace_id, occurred_at desc, id);
