create table review_conflicts (
    id             bigint generated always as identity primary key,
    call_id        bigint       not null references calls (id),
    application_id bigint       not null references applications (id),
    reviewer_id    bigint       not null references reviewers (id),
    source         varchar(30)  not null,
    severity       varchar(10)  not null,
    detail         varchar(500) not null,
    detected_at    timestamptz  not null,
    waived_by      varchar(320),
    waiver_reason  text,
    waived_at      timestamptz,
    unique (application_id, reviewer_id, source),
    check (waived_at is null or (waiver_reason is not null and length(trim(waiver_reason)) > 0))
);
create index review_conflicts_call_idx on review_conflicts (call_id);

create table review_assignments (
    id             bigint generated always as identity primary key,
    call_id        bigint        not null references calls (id),
    application_id bigint        not null references applications (id),
    reviewer_id    bigint        not null references reviewers (id),
    state          varchar(20)   not null,
    pinned         boolean       not null default false,
    automatic      boolean       not null default false,
    note           varchar(1000),
    affinity       double precision not null default 0,
    created_at     timestamptz   not null,
    updated_at     timestamptz   not null
);
-- A reviewer holds an application at most once at a time.
create unique index review_assignments_active_idx on review_assignments (application_id, reviewer_id)
    where state = 'ACTIVE';
create index review_assignments_call_idx on review_assignments (call_id, state);
create index review_assignments_reviewer_idx on review_assignments (reviewer_id, state);
