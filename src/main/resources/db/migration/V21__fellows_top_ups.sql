-- Fellows' requests for more GPU hours; the chair approves (a GRANT in the gpu ledger) or rejects them.
create table fellow_top_up (
    id               bigint generated always as identity primary key,
    account_id       bigint        not null references accounts (id),
    email            varchar(320)  not null,
    gpu_hours        int           not null check (gpu_hours > 0),
    justification    varchar(4000) not null,
    status           varchar(20)   not null check (status in ('PENDING', 'APPROVED', 'REJECTED')),
    created_at       timestamptz   not null,
    decided_at       timestamptz,
    decided_by       varchar(320),
    decision_reason  varchar(2000),
    allocation_id    bigint
);
create index fellow_top_up_pending_idx on fellow_top_up (id) where status = 'PENDING';
create index fellow_top_up_account_idx on fellow_top_up (account_id, id desc);
