-- Failed logins, counted in the database so that every instance sees the same counts. One row per subject:
-- kind EMAIL counts consecutive failures for an e-mail address, whether or not an account has it (so that an
-- unknown address behaves exactly like a known one); kind CLIENT counts failures from one client address
-- within a window. blocked_until is set when a count reaches its limit.
create table login_throttle (
    kind          varchar(10)  not null check (kind in ('EMAIL', 'CLIENT')),
    subject       varchar(320) not null,
    failures      int          not null,
    window_start  timestamptz  not null,
    blocked_until timestamptz,
    primary key (kind, subject)
);
create index login_throttle_window_idx on login_throttle (window_start);

-- The lock moved to login_throttle; the old columns keep no meaning.
alter table accounts drop column failed_login_count;
alter table accounts drop column locked_until;

-- A deactivated account cannot sign in; its sessions and remember-me tokens were ended when it was deactivated.
alter table accounts add column deactivated_at timestamptz;
