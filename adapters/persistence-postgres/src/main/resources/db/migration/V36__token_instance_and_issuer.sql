-- Where a connection's tokens work and who issued them (issue 12): Salesforce names the org's instance with every
-- token, and it changes when Salesforce moves the org; a refresh token works only at the login host that issued it
-- (production, sandbox or the org's My Domain). Neither is secret. Rows from before keep nulls: the connection's
-- identity has the instance, and the installation's production login host issued them.
alter table crm_tokens add column instance_url varchar(500);
alter table crm_tokens add column issuer varchar(500);
