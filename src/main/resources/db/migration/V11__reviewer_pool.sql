-- The reviewer pool: invited by e-mail, linked to an account once the invitation is accepted.
create table reviewers (
    id             bigint generated always as identity primary key,
    email          varchar(320) not null unique,
    account_id     bigint unique,
    name           varchar(200),
    name_romanized varchar(200),
    orcid          varchar(19),
    load_cap       int          not null default 8 check (load_cap >= 0),
    load_floor     int          not null default 0 check (load_floor >= 0),
    invited_by     varchar(320),
    created_at     timestamptz  not null,
    updated_at     timestamptz  not null,
    version        bigint       not null default 0,
    check (load_floor <= load_cap)
);

create table reviewer_areas (
    reviewer_id bigint      not null references reviewers (id) on delete cascade,
    area        varchar(40) not null,
    primary key (reviewer_id, area)
);

create table reviewer_affiliations (
    reviewer_id bigint       not null references reviewers (id) on delete cascade,
    position    int          not null,
    institution varchar(200) not null,
    title       varchar(200),
    start_year  int          not null,
    end_year    int,
    primary key (reviewer_id, position)
);

create table reviewer_publications (
    reviewer_id bigint       not null references reviewers (id) on delete cascade,
    position    int          not null,
    title       varchar(500) not null,
    venue       varchar(300),
    year        int          not null,
    authors     text         not null,
    doi         varchar(200),
    arxiv_id    varchar(40),
    primary key (reviewer_id, position)
);

-- Advisors, advisees and declared conflicts (a person or an institution).
create table reviewer_relations (
    reviewer_id bigint       not null references reviewers (id) on delete cascade,
    position    int          not null,
    kind        varchar(20)  not null,
    name        varchar(200) not null,
    email       varchar(320),
    primary key (reviewer_id, position)
);
