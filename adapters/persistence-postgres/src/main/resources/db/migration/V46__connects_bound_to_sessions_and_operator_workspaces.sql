-- Issue 14, ADR 0045: an OAuth connect is bound to the admin UI session that started it (none when started with an
-- API key). A callback that reached another browser keeps its authorization code here, encrypted, with the hash of a
-- nonce only that browser holds, until a member of the workspace confirms in that browser.
alter table pending_connects add column started_in_session uuid;
alter table pending_connects add column awaiting_code text;
alter table pending_connects add column awaiting_browser_hash char(64);

