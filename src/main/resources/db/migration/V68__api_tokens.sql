-- Personal access tokens for the REST API (/api/v1). Only the SHA-256 of a token is kept; the
-- token itself is shown once when it is made. Scopes are a comma-separated list (READ, JOBS, REVIEW).
create table api_tokens (
    id bigserial primary key,
    account_id bigint not null references accounts (id) on delete cascade,
    name varchar(64) not null,
    token_hash char(64) not null unique,
    token_prefix varchar(16) not null,
    scopes varchar(64) not null,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    revoked_at timestamptz,
    last_used_at timestamptz
);
create index api_tokens_account_idx on api_tokens (account_id);
