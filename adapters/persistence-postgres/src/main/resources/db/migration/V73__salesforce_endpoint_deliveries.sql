-- Deliveries to a Salesforce org's own endpoints (issue 18): an autolaunched Flow or an Apex REST resource, reached
-- with the OAuth tokens of another connection of the workspace (a Salesforce one), so no secret is stored here.
-- No foreign key to that connection: a delivery whose Salesforce connection is gone fails its leads with that reason.
alter table endpoint_settings drop constraint if exists endpoint_settings_kind_check;
alter table endpoint_settings add constraint endpoint_settings_kind_check
    check (kind in ('WEBHOOK', 'SALESFORCE_WEB_TO_LEAD', 'SALESFORCE_ENDPOINT'));
alter table endpoint_settings add column salesforce_connection_id uuid;
alter table endpoint_settings add column endpoint_type varchar(16)
    check (endpoint_type is null or endpoint_type in ('FLOW', 'APEX_REST'));
alter table endpoint_settings add column endpoint_name varchar(255);
alter table endpoint_settings add constraint endpoint_settings_salesforce_endpoint_complete
    check (kind <> 'SALESFORCE_ENDPOINT'
           or (salesforce_connection_id is not null and endpoint_type is not null and endpoint_name is not null));
