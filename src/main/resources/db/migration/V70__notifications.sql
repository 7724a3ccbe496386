-- In-portal notifications: what happened to a person's application, review, job or
-- top-up request, shown in the header until read. One row per happening: the key makes
-- an event delivered twice (after a restart) notify once.
create table notifications (
    id         bigint generated always as identity primary key,
    account_id bigint       not null,
    kind       varchar(40)  not null,
    argument   varchar(300),
    link       varchar(300) not null,
    event_key  varchar(200) not null unique,
    created_at timestamptz  not null,
    read_at    timestamptz
);
create index notifications_unread_idx on notifications (account_id, id) where read_at is null;
create index notifications_account_idx on notifications (account_id, id);
