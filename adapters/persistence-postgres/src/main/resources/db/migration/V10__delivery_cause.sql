-- What put each lead in a connection's queue (a change, a pull, a backfill, a resync), so the push's audit can say
-- what started it. Rows queued before this version were changes.
alter table deliveries add column cause varchar(16) not null default 'CHANGE'
    check (cause in ('CHANGE', 'PULL', 'BACKFILL', 'RESYNC'));
