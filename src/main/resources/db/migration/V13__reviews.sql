-- One review round per call: started (applications under review), due, locked by the chair.
create table review_rounds (
    call_id      bigint      primary key references calls (id),
    started_at   timestamptz not null,
    due_at       timestamptz not null,
    locked_at    timestamptz,
    published_at timestamptz,
    version      bigint      not null default 0
);

create table reviews (
    id                      bigint generated always as identity primary key,
    call_id                 bigint      not null references calls (id),
    application_id          bigint      not null references applications (id),
    reviewer_id             bigint      not null references reviewers (id),
    status                  varchar(20) not null,
    confidence              int check (confidence between 1 and 5),
    comments_to_applicant   text,
    confidential_comments   text,
    weighted_score          double precision,
    created_at              timestamptz not null,
    updated_at              timestamptz not null,
    submitted_at            timestamptz,
    version                 bigint      not null default 0,
    unique (application_id, reviewer_id)
);
create index reviews_call_idx on reviews (call_id, status);

create table review_scores (
    review_id bigint not null references reviews (id) on delete cascade,
    position  int    not null,
    score     int,
    primary key (review_id, position)
);

create table review_discussion (
    id             bigint generated always as identity primary key,
    call_id        bigint        not null references calls (id),
    application_id bigint        not null references applications (id),
    author_email   varchar(320)  not null,
    body           varchar(5000) not null,
    created_at     timestamptz   not null
);
create index review_discussion_application_idx on review_discussion (application_id, id);
