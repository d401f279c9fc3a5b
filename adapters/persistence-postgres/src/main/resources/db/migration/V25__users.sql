-- Admin UI users (issue 6). Only a password's Argon2id hash is kept, in its self-describing PHC form; the email is
-- stored lower case, so one address is one user across all workspaces.
create table users (
    id            uuid primary key,
    email         varchar(254) not null unique,
    display_name  varchar(100) not null,
    password_hash varchar(200) not null,
    created_at    timestamptz  not null
);

-- A user's role in one workspace. Every page of the admin UI acts in one workspace and checks this row.
create table memberships (
    workspace_id uuid        not null references workspaces (id),
    user_id      uuid        not null references users (id),
    role         varchar(16) not null check (role in ('OWNER', 'ADMIN', 'VIEWER')),
    primary key (workspace_id, user_id)
);
create index memberships_by_user on memberships (user_id);
