-- A fellow's own job templates: a named job form (script and resources) to start from.
-- Destroyed with the fellow's other records (FellowRecordRetention).
create table job_templates (
    id                 bigint generated always as identity primary key,
    account_id         bigint       not null references accounts (id),
    name               varchar(80)  not null,
    job_name           varchar(64)  not null,
    script             text         not null,
    gpus_per_node      int          not null,
    nodes              int          not null,
    time_limit_minutes int          not null,
    saved_at           timestamptz  not null,
    unique (account_id, name)
);
