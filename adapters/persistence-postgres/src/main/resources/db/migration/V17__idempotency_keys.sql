-- Idempotency-Key (ADR 0021): the key, the request it was first used for, and the response it was answered with
-- (null while that request runs). The primary key decides between nodes; keys are deleted after 24 hours.
create table idempotency_keys (
    workspace_id    uuid          not null references workspaces (id),
    idempotency_key varchar(255)  not null,
    request_hash    varchar(64)   not null,
    claimed_at      timestamptz   not null,
    response_status integer,
    response_body   text,
    response_location varchar(500),
    primary key (workspace_id, idempotency_key)
);
create index idempotency_keys_by_age on idempotency_keys (claimed_at);
