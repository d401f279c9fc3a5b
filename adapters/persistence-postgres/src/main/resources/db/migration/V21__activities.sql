-- Activities agents log on leads (an email, a call, a meeting), kept once per workspace.
create table activities (
    workspace_id uuid         not null,
    id           uuid         not null,
    lead_id      varchar(80)  not null,
    type         varchar(16)  not null check (type in ('EMAIL', 'CALL', 'MEETING')),
    subject      varchar(255) not null,
    body         text,
    occurred_at  timestamptz  not null,
    logged_at    timestamptz  not null,
    logged_by    varchar(255) not null,
    primary key (workspace_id, id),
    foreign key (workspace_id, lead_id) references leads (workspace_id, lead_id)
);
create index activities_by_lead on activities (workspace_id, lead_id, logged_at desc);

-- What each target CRM still owes of an activity, leased like the lead deliveries (V6).
create table activity_deliveries (
    workspace_id   uuid        not null,
    activity_id    uuid        not null,
    connection_id  uuid        not null references crm_connections (id) on delete cascade,
    state          varchar(16) not null check (state in ('PENDING', 'DELIVERED', 'FAILED', 'SKIPPED')),
    attempts       integer     not null default 0,
    due_at         timestamptz not null,
    crm_record_id  varchar(255),
    last_error     text,
    claimed_by     varchar(100),
    claimed_until  timestamptz,
    primary key (workspace_id, activity_id, connection_id),
    foreign key (workspace_id, activity_id) references activities (workspace_id, id) on delete cascade
);
create index activity_deliveries_due on activity_deliveries (due_at) where state = 'PENDING';
