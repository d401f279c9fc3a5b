-- Alerts (issue 16): who hears about a workspace's connections in trouble. The chat webhook's URL carries its token,
-- so it is stored encrypted like every other secret.
create table alert_settings (
    workspace_id           uuid primary key references workspaces (id) on delete cascade,
    emails                 text    not null default '',
    chat_webhook_encrypted text,
    failed_leads_threshold integer not null default 10 check (failed_leads_threshold between 1 and 1000000)
);

-- One open incident per connection at most (the partial unique index): the node whose insert wins sends the alert,
-- the one whose update closes it sends the recovery. Closed incidents stay as the history.
create table alert_incidents (
    id            bigserial primary key,
    workspace_id  uuid        not null,
    connection_id uuid        not null references crm_connections (id) on delete cascade,
    opened_at     timestamptz not null,
    trigger_text  text        not null,
    closed_at     timestamptz
);
create unique index alert_incidents_one_open on alert_incidents (connection_id) where closed_at is null;
create index alert_incidents_by_workspace on alert_incidents (workspace_id) where closed_at is null;
