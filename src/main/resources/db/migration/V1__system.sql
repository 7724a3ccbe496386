-- The audit log is append-only: the database refuses updates, deletes and truncation.
create table audit_log (
    id             bigint generated always as identity primary key,
    occurred_at    timestamptz   not null,
    actor          varchar(320)  not null,
    action         varchar(60)   not null,
    subject        varchar(400),
    detail         text,
    remote_address varchar(64)
);
create index audit_log_action_idx on audit_log (action, id desc);

create function audit_log_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only';
end
$$;
create trigger audit_log_no_update_or_delete before update or delete on audit_log
    for each row execute function audit_log_refuse_change();
create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_refuse_change();

create table mail_outbox (
    id         bigint generated always as identity primary key,
    recipient  varchar(320) not null,
    subject    varchar(500) not null,
    body       text         not null,
    status     varchar(20)  not null,
    attempts   int          not null default 0,
    last_error text,
    created_at timestamptz  not null,
    sent_at    timestamptz
);
create index mail_outbox_pending_idx on mail_outbox (id) where status = 'PENDING';

-- Spring Modulith's event publication registry (schema v2 for PostgreSQL).
create table event_publication (
    id                     uuid        not null primary key,
    listener_id            text        not null,
    event_type             text        not null,
    serialized_event       text        not null,
    publication_date       timestamptz not null,
    completion_date        timestamptz,
    status                 text,
    completion_attempts    int,
    last_resubmission_date timestamptz
);
create index event_publication_serialized_event_hash_idx on event_publication using hash (serialized_event);
create index event_publication_by_completion_date_idx on event_publication (completion_date);
