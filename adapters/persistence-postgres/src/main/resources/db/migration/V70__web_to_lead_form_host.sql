-- Where a Web-to-Lead connection's form posts (issue 12): a production org's servlet host (null: every connection made
-- before this), a sandbox org's, or the org's My Domain. A post to another org's host creates nothing.
alter table endpoint_settings add column login_host varchar(20);
alter table endpoint_settings add column my_domain_url varchar(500);
