-- Push-only connections (webhooks, Salesforce Web-to-Lead): where leads go. Secrets (a bearer token, custom header
-- values, the signing secret) are one ciphertext made by the SecretCipher: the database never holds them in plain text.
create table endpoint_settings (
    workspace_id  uuid         not null,
    connection_id uuid         not null references crm_connections (id) on delete cascade,
    kind          varchar(32)  not null check (kind in ('WEBHOOK', 'SALESFORCE_WEB_TO_LEAD')),
    url           text,
    body_format   varchar(8),
    org_id        varchar(18),
    lead_source   varchar(100),
    secrets       text,
    primary key (workspace_id, connection_id)
);

-- Sends counted over a rolling window (Web-to-Lead: 500 in 24 hours), shared by every node: a slot is taken under a
-- per-connection advisory lock before each send.
create table delivery_window_sends (
    workspace_id  uuid        not null,
    connection_id uuid        not null references crm_connections (id) on delete cascade,
    lead_id       varchar(80) not null,
    sent_at       timestamptz not null
);
create index delivery_window_sends_by_time on delivery_window_sends (connection_id, sent_at);
