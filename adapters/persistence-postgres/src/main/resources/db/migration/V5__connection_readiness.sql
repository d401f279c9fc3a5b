-- The last readiness check of a connection, every problem with its fix, so the status shows all of them and not only
-- the first (which state_reason keeps). Null until the connection was first checked.
alter table crm_connections add column readiness jsonb;
