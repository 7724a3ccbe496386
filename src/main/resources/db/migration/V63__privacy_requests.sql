-- Data subjects' requests (correction, deletion) with the deadline the portal tracks.
create table privacy_requests (
    id           bigint generated always as identity primary key,
    account_id   bigint        not null references accounts (id),
    kind         varchar(20)   not null check (kind in ('CORRECTION', 'DELETION')),
    details      varchar(4000) not null,
    requested_at timestamptz   not null,
    due_at       timestamptz   not null,
    answered_at  timestamptz,
    answered_by  varchar(320),
    answer       varchar(4000)
);
create index privacy_requests_open_idx on privacy_requests (due_at) where answered_at is null;
