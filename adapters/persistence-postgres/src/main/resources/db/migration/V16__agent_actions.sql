-- Agent actions by tracking id (ADR 0020): what was done, to which lead version, and the targets chosen for it.
create table agent_actions (
    tracking_id  uuid primary key,
    workspace_id uuid         not null references workspaces (id),
    action       varchar(32)  not null,
    lead_id      varchar(80)  not null,
    lead_version bigint       not null,
    changed      boolean      not null,
    rule         varchar(32)  not null,
    targets      jsonb        not null,
    performed_at timestamptz  not null
);
create index agent_actions_by_time on agent_actions (performed_at);
-- The action log reads whether a lead version has been routed.
create index outbox_by_lead_version on outbox (workspace_id, lead_id, lead_version);
