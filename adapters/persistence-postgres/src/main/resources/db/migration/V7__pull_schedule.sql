-- A CRM record LeadSync has not linked is matched to its lead by work email.
create index leads_by_work_email on leads (workspace_id, work_email);

-- When each connection pulls next and how far it got: the watermark (modstamp, record id) is saved per page, the
-- lease lets one node pull a connection at a time and runs out if that node dies.
create table pull_schedule (
    connection_id        uuid primary key references crm_connections (id) on delete cascade,
    workspace_id         uuid         not null,
    next_pull_at         timestamptz  not null,
    watermark_at         timestamptz,
    watermark_id         varchar(255),
    deletions_checked_to timestamptz,
    claimed_by           varchar(100),
    claimed_until        timestamptz
);
create index pull_schedule_due on pull_schedule (next_pull_at);
