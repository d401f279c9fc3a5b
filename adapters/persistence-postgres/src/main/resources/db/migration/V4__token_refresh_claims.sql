-- One token refresh at a time per connection across all nodes: a claim that expires if its node dies mid-refresh.
alter table crm_tokens add column refresh_claimed_until timestamptz;
