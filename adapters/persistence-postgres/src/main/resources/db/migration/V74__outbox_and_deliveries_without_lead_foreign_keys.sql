-- Capture's hot inserts no longer check a foreign key to leads per row (ADR 0106). Each check took a KEY SHARE lock on
-- the lead's row, written into its tuple, in the same transaction that had just inserted or updated it: with the
-- router's deliveries this was most of PostgreSQL's time per captured lead (2.2 ms with the keys, 0.3 ms without).
alter table outbox drop constraint if exists outbox_workspace_id_lead_id_fkey;
alter table deliveries drop constraint if exists deliveries_workspace_id_lead_id_fkey;

-- What the keys guaranteed still holds because a lead is never deleted: outbox and deliveries rows are written only
-- beside or after their lead, in its transaction or from it. This makes "never deleted" a rule of the database rather
-- than a habit of the code. TRUNCATE (tests' clean-up) is a different event and is not affected.
create function leads_are_never_deleted() returns trigger language plpgsql as $$
begin
    raise exception 'leads are never deleted: outbox and deliveries name them without a foreign key (ADR 0106)'
        using errcode = 'restrict_violation';
end;
$$;
create trigger leads_are_never_deleted before delete on leads
    for each statement execute function leads_are_never_deleted();
