-- Admin UI sessions on the server (issue 14, ADR 0045), replacing the signed cookie of ADR 0024. The browser holds a
-- random token; only its SHA-256 hash is kept, so this table opens no session. Deleting a row ends the session on
-- every node at once (logout, a password change, a removed member, a suspended workspace).
create table admin_sessions (
    id             uuid         primary key,
    token_hash     char(64)     not null unique,
    user_id        uuid         not null references users (id) on delete cascade,
    workspace_id   uuid         not null references workspaces (id),
    created_at     timestamptz  not null,
    last_seen_at   timestamptz  not null,
    user_agent     varchar(200) not null,
    client_address varchar(64)  not null
);
create index admin_sessions_by_user on admin_sessions (user_id);
create index admin_sessions_by_workspace on admin_sessions (workspace_id);
