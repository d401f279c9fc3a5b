-- A link names a record of the org it was made in (issue 12). A connection connected again to another org must not
-- find, update or match through the old org's records: links carry the org id, are read only for the org the
-- connection reaches now, and a record id is unique per org, not per connection.
alter table crm_links add column org_id varchar(255);
update crm_links l set org_id = c.identity_org_id from crm_connections c where c.id = l.connection_id;
alter table crm_links drop constraint if exists crm_links_workspace_id_connection_id_crm_record_id_key;
create unique index crm_links_record_per_org on crm_links (workspace_id, connection_id, coalesce(org_id, ''),
    crm_record_id);
