-- The Overview's levels that no event records (ADR 0066): per connection and UTC hour, the highest age of its oldest
-- waiting lead, its waiting leads, and the calls its budget counted so far that day. Every node samples every minute;
-- the upsert keeps each hour's highest, so nodes agree.
create table overview_samples (
    connection_id       uuid        not null references crm_connections (id) on delete cascade,
    hour                timestamptz not null,
    workspace_id        uuid        not null,
    oldest_wait_seconds bigint      not null default 0,
    waiting             bigint      not null default 0,
    calls_used          bigint      not null default 0,
    calls_allowed       bigint      not null default 0,
    primary key (connection_id, hour)
);
create index overview_samples_by_workspace on overview_samples (workspace_id, hour);
create index overview_samples_by_age on overview_samples (hour);
-- The delivered and failed counts read the audit by action and time.
create index audit_log_by_action on audit_log (workspace_id, action, occurred_at);
