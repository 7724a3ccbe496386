-- Requests per token per minute, shared by every instance behind the load balancer: the rate
-- limit counts here (one upsert per request), and the first request of a token in a minute is the
-- one that is audited.
create table api_rate_windows (
    token_id bigint not null references api_tokens (id) on delete cascade,
    window_start timestamptz not null,
    requests int not null,
    primary key (token_id, window_start)
);
