-- Routing: an outbox change is routed once, to a delivery per connection of its workspace.
alter table outbox add column routed_at timestamptz;
create index outbox_unrouted on outbox (position) where routed_at is null;

-- What each connection still owes its CRM: one row per lead and connection however many changes it stands for.
-- version is the lead version to deliver at least; a lease (claimed_by, claimed_until) lets many nodes push side by
-- side without sending a lead twice at once, and a dead node's lease simply runs out.
create table deliveries (
    workspace_id  uuid         not null,
    connection_id uuid         not null references crm_connections (id) on delete cascade,
    lead_id       varchar(80)  not null,
    version       bigint       not null,
    state         varchar(16)  not null check (state in ('PENDING', 'FAILED', 'SKIPPED')),
    attempts      integer      not null default 0,
    due_at        timestamptz  not null,
    last_error    text,
    claimed_by    varchar(100),
    claimed_until timestamptz,
    primary key (workspace_id, connection_id, lead_id),
    foreign key (workspace_id, lead_id) references leads (workspace_id, lead_id)
);
create index deliveries_due on deliveries (connection_id, due_at) where state = 'PENDING';
