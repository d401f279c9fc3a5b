-- The admin reads a connection's or a lead's history, newest first; retention deletes by age.
create index audit_log_by_connection on audit_log (workspace_id, connection_id, occurred_at desc);
create index audit_log_by_lead on audit_log (workspace_id, lead_id, occurred_at desc);
create index audit_log_by_age on audit_log (occurred_at);
