-- Issue 14, ADR 0045: an OAuth connect is bound to the admin UI session that started it (none when started with an
-- API key). A callback that reached another browser keeps its authorization code here, encrypted, with the hash of a
-- nonce only that browser holds, until a member of the workspace confirms in that browser.
alter table pending_connects add column started_in_session uuid;
alter table pending_connects add column awaiting_code text;
alter table pending_connects add column awaiting_browser_hash char(64);

-- Issue 14, ADR 0047: an operator suspends a workspace (its keys and sessions stop working), and people join a
-- workspace only by accepting an invitation. Only the hash of an invitation link's token is kept.
alter table workspaces add column suspended_at timestamptz;

create table invitations (
    id           uuid         primary key,
    token_hash   char(64)     not null unique,
    workspace_id uuid         not null references workspaces (id),
    email        varchar(254) not null,
    role         varchar(16)  not null check (role in ('OWNER', 'ADMIN', 'VIEWER')),
    invited_by   varchar(300) not null,
    created_at   timestamptz  not null,
    accepted_at  timestamptz
);
create index invitations_by_workspace on invitations (workspace_id);
