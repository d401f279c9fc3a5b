-- What each connection's last pushes and pulls came to (issue 16), folded round by round, so its health is read
-- without replaying the audit: per direction the last round, the last that got through, how many in a row went wrong
-- since, and the last problem in the CRM's words.
create table connection_health (
    connection_id        uuid primary key references crm_connections (id) on delete cascade,
    workspace_id         uuid        not null,
    push_last_at         timestamptz,
    push_ok_at           timestamptz,
    push_wrong_in_row    integer     not null default 0,
    push_problem         text,
    push_problem_at      timestamptz,
    pull_last_at         timestamptz,
    pull_ok_at           timestamptz,
    pull_wrong_in_row    integer     not null default 0,
    pull_problem         text,
    pull_problem_at      timestamptz
);
create index connection_health_by_workspace on connection_health (workspace_id);
