-- A lead whose CRM record a rep converted (a Salesforce Lead made into a Contact and an Account) keeps its link,
-- moved to the Contact; these say what was converted and into what (issue 12). All null: never converted.
alter table crm_links add column converted_record_id varchar(255);
alter table crm_links add column converted_account_id varchar(255);
alter table crm_links add column converted_on date;
