-- "Sync now" enqueues the workspace's leads and drains them through the push pipeline (ADR 0054); its entries say
-- so, and carry the whole lead rather than only what changed since the last sync.
alter table deliveries drop constraint if exists deliveries_cause_check;
alter table deliveries add constraint deliveries_cause_check
    check (cause in ('CHANGE', 'PULL', 'BACKFILL', 'RESYNC', 'SYNC_NOW'));
