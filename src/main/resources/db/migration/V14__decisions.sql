create table review_decisions (
    id             bigint generated always as identity primary key,
    call_id        bigint       not null references calls (id),
    application_id bigint       not null unique references applications (id),
    outcome        varchar(20)  not null,
    rationale      text         not null,
    gpu_hours      bigint       not null default 0 check (gpu_hours >= 0),
    decided_by     varchar(320) not null,
    decided_at     timestamptz  not null,
    published_at   timestamptz,
    check (outcome in ('SELECTED', 'WAITLISTED', 'REJECTED')),
    check (outcome = 'SELECTED' or gpu_hours = 0)
);
create index review_decisions_call_idx on review_decisions (call_id);
