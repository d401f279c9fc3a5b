-- API keys get scopes (ADR 0048): 'agent' opens the agent API and the MCP server, 'admin' the admin API.
-- Keys issued before scopes opened both, and agents in the field use them for both: they keep both scopes, so nothing
-- breaks at upgrade, until an admin narrows each one in Settings. New keys are issued with the one scope chosen.
alter table api_keys add column scopes varchar(32) not null default 'agent admin';
alter table api_keys alter column scopes drop default;
alter table api_keys add constraint api_keys_scopes_known
    check (scopes in ('agent', 'admin', 'agent admin'));
