-- Failed admin UI logins per subject (issue 14, ADR 0046): 'account:<typed email>' and 'address:<client address>'.
-- Shared by every node, so a guesser cannot spread attempts over nodes. A success clears its account's row; rows
-- older than the lockout no longer count and are reset by the next failure.
create table login_failures (
    subject         varchar(300) primary key,
    failures        integer      not null,
    last_failure_at timestamptz  not null
);
