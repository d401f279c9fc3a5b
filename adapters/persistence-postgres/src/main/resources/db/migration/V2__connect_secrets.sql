-- Each connection's OAuth tokens, encrypted by the SecretCipher: the database never holds a token in plain text.
create table crm_tokens (
    workspace_id      uuid        not null,
    connection_id     uuid        not null references crm_connections (id),
    access_token      text        not null,
    refresh_token     text,
    access_expires_at timestamptz,
    issued_at         timestamptz not null,
    primary key (workspace_id, connection_id)
);

-- OAuth connects waiting for the CRM's callback; the PKCE verifier is encrypted.
create table pending_connects (
    state         varchar(128) primary key,
    workspace_id  uuid         not null references workspaces (id),
    connection_id uuid         not null references crm_connections (id),
    kind          varchar(32)  not null,
    code_verifier text         not null,
    started_by    varchar(255) not null,
    started_at    timestamptz  not null
);
