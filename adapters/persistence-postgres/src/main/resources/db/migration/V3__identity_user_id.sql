-- The connected user's id in the CRM (Salesforce 005...), to whom provisioning grants the fields it creates.
alter table crm_connections add column identity_user_id varchar(255);
