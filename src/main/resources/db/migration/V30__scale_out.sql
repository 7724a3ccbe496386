-- Several portal instances share one database: what they must agree on lives here.

-- ShedLock: a scheduled job (mail retries, GPU reconciliation, expiry) runs on one instance at a time.
create table shedlock (
    name       varchar(64)  not null primary key,
    lock_until timestamptz  not null,
    locked_at  timestamptz  not null,
    locked_by  varchar(255) not null
);

-- The instances running on this database, each with a heartbeat; an instance whose heartbeat is
-- older than portal.instances.stale-after is taken for dead.
create table portal_instance (
    id              uuid         not null primary key,
    host            varchar(255) not null,
    pid             bigint       not null,
    started_at      timestamptz  not null,
    heartbeat_at    timestamptz  not null,
    per_process     varchar(200)
);

-- Progress of background work (search reindexing, reviewer sheet imports), readable from every instance.
create table background_task (
    id          uuid         not null primary key,
    kind        varchar(40)  not null,
    exclusive   boolean      not null default false,
    state       varchar(20)  not null,
    done        bigint       not null default 0,
    total       bigint       not null default 0,
    started_by  varchar(320),
    started_at  timestamptz  not null,
    updated_at  timestamptz  not null,
    finished_at timestamptz,
    error       text,
    result      text
);
create index background_task_kind_idx on background_task (kind, started_at desc);
-- An exclusive kind (the search rebuild) runs once at a time, across instances.
create unique index background_task_one_running_idx on background_task (kind) where state = 'RUNNING' and exclusive;
