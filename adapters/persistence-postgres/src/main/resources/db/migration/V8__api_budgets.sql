-- Each connection's CRM calls per UTC day, shared by every node: a call is taken (used + 1 <= allocation, and within
-- the per-second pace counted in second_at/second_used) by one atomic update before it is made. No foreign key: the
-- rows are counters, and a removed connection's few rows harm nothing.
create table api_budgets (
    connection_id uuid        not null,
    day           date        not null,
    workspace_id  uuid        not null,
    allocation    bigint      not null,
    used          bigint      not null default 0,
    second_at     timestamptz,
    second_used   integer     not null default 0,
    primary key (connection_id, day)
);
