alter table calls add column version_no int not null default 1;
alter table calls add column previous_version_id bigint references calls (id);
alter table calls add column created_by varchar(320);

create table call_criteria (
    call_id     bigint        not null references calls (id) on delete cascade,
    position    int           not null,
    name_ko     varchar(200)  not null,
    name_en     varchar(200)  not null,
    weight      numeric(6, 3) not null check (weight > 0),
    scale_min   int           not null,
    scale_max   int           not null,
    guidance_ko text          not null default '',
    guidance_en text          not null default '',
    primary key (call_id, position),
    check (scale_max > scale_min)
);

-- A later deadline for one applicant, granted by the chair.
create table call_extensions (
    id                   bigint generated always as identity primary key,
    call_id              bigint       not null references calls (id),
    applicant_account_id bigint       not null,
    closes_at            timestamptz  not null,
    reason               text         not null,
    granted_by           varchar(320) not null,
    granted_at           timestamptz  not null,
    unique (call_id, applicant_account_id)
);

create table applications (
    id                   bigint generated always as identity primary key,
    call_id              bigint       not null references calls (id),
    applicant_account_id bigint       not null,
    applicant_email      varchar(320) not null,
    status               varchar(20)  not null,
    name_ko              varchar(100),
    name_romanized       varchar(200),
    orcid                varchar(19),
    proposal_title       varchar(300),
    proposal_abstract    text,
    proposal_body        text,
    requested_gpu_hours  bigint,
    gpu_justification    varchar(300),
    receipt_number       varchar(40) unique,
    created_at           timestamptz  not null,
    updated_at           timestamptz  not null,
    submitted_at         timestamptz,
    withdrawn_at         timestamptz,
    version              bigint       not null default 0,
    unique (call_id, applicant_account_id)
);
create index applications_call_status_idx on applications (call_id, status);

create table application_areas (
    application_id bigint      not null references applications (id) on delete cascade,
    area           varchar(40) not null,
    primary key (application_id, area)
);

create table application_affiliations (
    application_id bigint       not null references applications (id) on delete cascade,
    position       int          not null,
    institution    varchar(200) not null,
    title          varchar(200),
    start_year     int          not null,
    end_year       int,
    primary key (application_id, position)
);

create table application_publications (
    application_id bigint       not null references applications (id) on delete cascade,
    position       int          not null,
    title          varchar(500) not null,
    venue          varchar(300),
    year           int          not null,
    authors        text         not null,
    doi            varchar(200),
    arxiv_id       varchar(40),
    primary key (application_id, position)
);

create table application_open_source (
    application_id bigint        not null references applications (id) on delete cascade,
    position       int           not null,
    repository_url varchar(500)  not null,
    role           varchar(100)  not null,
    description    varchar(1000) not null,
    primary key (application_id, position)
);

create table application_files (
    id             bigint generated always as identity primary key,
    application_id bigint       not null references applications (id) on delete cascade,
    kind           varchar(20)  not null,
    file_name      varchar(200) not null,
    media_type     varchar(120) not null,
    size_bytes     bigint       not null,
    sha256         varchar(64)  not null,
    extracted_text text         not null,
    uploaded_at    timestamptz  not null,
    unique (application_id, kind)
);
