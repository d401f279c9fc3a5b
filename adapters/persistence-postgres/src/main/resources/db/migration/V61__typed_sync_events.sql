-- Typed sync events (ADR 0063): the event as JSON beside the prose detail. Rows written before it keep a null event
-- and their detail, which the pages show as they always did; new rows carry both (the detail for the CSV export and
-- the admin API). The type is kept in its own column so a reader can select one kind without opening the JSON.
alter table audit_log add column event jsonb;
alter table audit_log add column event_type text;
alter table audit_log add constraint audit_log_event_has_type check ((event is null) = (event_type is null));
