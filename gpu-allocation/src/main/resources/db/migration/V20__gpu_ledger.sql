-- GPU-hour allocations, jobs and the append-only ledger (amounts in GPU-seconds).

-- One row per fellow: running totals kept in step with the ledger (and the GPUs of its unsettled
-- jobs, for the concurrency cap), and the row every admission
-- locks (SELECT ... FOR UPDATE), so that concurrent submissions can never hold more than is left.
create table gpu_wallet (
    account_id     bigint primary key,
    available      bigint not null default 0,
    held           bigint not null default 0,
    granted_total  bigint not null default 0,
    charged_total  bigint not null default 0,
    expired_total  bigint not null default 0,
    adjusted_total bigint not null default 0,
    live_gpus      int    not null default 0,
    constraint gpu_wallet_never_negative check (available >= 0 and held >= 0 and live_gpus >= 0)
);

create table gpu_allocation (
    id             bigint generated always as identity primary key,
    account_id     bigint       not null references gpu_wallet (account_id),
    gpu_seconds    bigint       not null check (gpu_seconds > 0),
    valid_from     timestamptz  not null,
    valid_until    timestamptz  not null,
    source         varchar(40)  not null,
    reference      varchar(200) not null,
    used_seconds   bigint       not null default 0,
    expired        boolean      not null default false,
    created_at     timestamptz  not null,
    constraint gpu_allocation_period check (valid_until > valid_from),
    constraint gpu_allocation_once_per_reference unique (source, reference)
);
create index gpu_allocation_account_idx on gpu_allocation (account_id, valid_until);
create index gpu_allocation_expiry_idx on gpu_allocation (valid_until) where not expired;

create table gpu_job (
    id                 bigint generated always as identity primary key,
    account_id         bigint       not null references gpu_wallet (account_id),
    name               varchar(64)  not null,
    script             text         not null,
    nodes              int          not null check (nodes >= 1),
    gpus_per_node      int          not null check (gpus_per_node >= 1),
    gpus               int          not null check (gpus >= 1),
    partition_name     varchar(64)  not null,
    time_limit_seconds bigint       not null check (time_limit_seconds > 0),
    hold_seconds       bigint       not null check (hold_seconds > 0),
    launcher           varchar(20)  not null,
    external_id        varchar(100),
    state              varchar(20)  not null,
    reason             varchar(500),
    placement          varchar(500),
    submitted_at       timestamptz  not null,
    started_at         timestamptz,
    ended_at           timestamptz,
    exit_code          int,
    elapsed_seconds    bigint,
    charged_seconds    bigint,
    overrun_seconds    bigint,
    unbilled_seconds   bigint,
    cpu_seconds        bigint,
    peak_memory_bytes  bigint,
    settled_at         timestamptz
);
create index gpu_job_account_idx on gpu_job (account_id, id desc);
create index gpu_job_live_idx on gpu_job (id) where settled_at is null;
create index gpu_job_ended_idx on gpu_job (ended_at);

-- balance_delta: change of the fellow's available GPU-seconds; held_delta: change of what is held.
-- Sum of balance_delta = gpu_wallet.available, sum of held_delta = gpu_wallet.held.
create table gpu_ledger (
    id             bigint generated always as identity primary key,
    account_id     bigint       not null references gpu_wallet (account_id),
    kind           varchar(10)  not null check (kind in ('GRANT', 'HOLD', 'CHARGE', 'RELEASE', 'EXPIRE', 'ADJUST')),
    gpu_seconds    bigint       not null,
    balance_delta  bigint       not null,
    held_delta     bigint       not null,
    allocation_id  bigint references gpu_allocation (id),
    job_id         bigint references gpu_job (id),
    reason         varchar(1000),
    actor          varchar(320) not null,
    recorded_at    timestamptz  not null
);
create index gpu_ledger_account_idx on gpu_ledger (account_id, id);
create index gpu_ledger_job_idx on gpu_ledger (job_id);
-- A job is held, charged and released at most once, whoever (poll, restart, retry) gets there.
create unique index gpu_ledger_one_hold_per_job on gpu_ledger (job_id) where kind = 'HOLD';
create unique index gpu_ledger_one_charge_per_job on gpu_ledger (job_id) where kind = 'CHARGE';
create unique index gpu_ledger_one_release_per_job on gpu_ledger (job_id) where kind = 'RELEASE';
create unique index gpu_ledger_one_expiry_per_allocation on gpu_ledger (allocation_id) where kind = 'EXPIRE';

create function gpu_ledger_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'gpu_ledger is append-only';
end
$$;
create trigger gpu_ledger_no_update_or_delete before update or delete on gpu_ledger
    for each row execute function gpu_ledger_refuse_change();
create trigger gpu_ledger_no_truncate before truncate on gpu_ledger
    for each statement execute function gpu_ledger_refuse_change();
